using LearnLM.Models.Convolution;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

public sealed class ConvolutionTests
{
    public ConvolutionTests() => ContendedCpu.UseOneThread();

    // float64 throughout: both sides sum the same few hundred products in a different order, so they agree to
    // ~1e-15 relative; 1e-10 leaves room for that and still catches any wrong index or missing term.
    const double Tolerance = 1e-10;

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 0)]
    public void Conv2d_matches_functional_conv2d_in_values_and_gradients(long stride, long padding)
    {
        manual_seed(1);
        var input = randn(2, 3, 7, 6, dtype: float64, requires_grad: true);
        var weight = randn(4, 3, 3, 2, dtype: float64, requires_grad: true);
        var bias = randn(4, dtype: float64, requires_grad: true);
        var upstream = randn_like(nn.functional.conv2d(input, weight, bias, [stride, stride], [padding, padding]));

        var ours = ConvolutionFromScratch.Conv2d(input, weight, bias, stride, padding);
        var theirs = nn.functional.conv2d(input, weight, bias, [stride, stride], [padding, padding]);
        Assert.Equal(theirs.shape, ours.shape);
        Assert.True(ours.allclose(theirs, rtol: 0, atol: Tolerance));

        var ourGrads = autograd.grad([ours], [input, weight, bias], [upstream]);
        var theirGrads = autograd.grad([theirs], [input, weight, bias], [upstream]);
        for (int i = 0; i < 3; i++) Assert.True(ourGrads[i].allclose(theirGrads[i], rtol: 0, atol: Tolerance), $"gradient {i}");
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, 1L)]
    [InlineData(3, 2L)]
    public void Pooling_matches_max_pool2d_and_avg_pool2d_in_values_and_gradients(long kernel, long? stride)
    {
        manual_seed(2);
        // randn has no ties, so max-pooling's gradient has one clear destination per window.
        var input = randn(2, 3, 8, 7, dtype: float64, requires_grad: true);
        var pairs = new (Tensor Ours, Tensor Theirs)[]
        {
            (ConvolutionFromScratch.MaxPool2d(input, kernel, stride), nn.functional.max_pool2d(input, kernel, stride)),
            (ConvolutionFromScratch.AvgPool2d(input, kernel, stride), nn.functional.avg_pool2d(input, kernel, stride)),
        };
        foreach (var (ours, theirs) in pairs)
        {
            Assert.Equal(theirs.shape, ours.shape);
            Assert.True(ours.allclose(theirs, rtol: 0, atol: Tolerance));
            var upstream = randn_like(theirs);
            var ourGrad = autograd.grad([ours], [input], [upstream])[0];
            var theirGrad = autograd.grad([theirs], [input], [upstream])[0];
            Assert.True(ourGrad.allclose(theirGrad, rtol: 0, atol: Tolerance));
        }
    }

    [Fact]
    public void Conv2d_refuses_mismatched_channels_naming_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => ConvolutionFromScratch.Conv2d(zeros(1, 3, 5, 5), zeros(4, 2, 3, 3)));
        Assert.Contains("[4, 2, 3, 3]", error.Message);
        Assert.Contains("[1, 3, 5, 5]", error.Message);
    }

    [Fact]
    public void Conv2dLayer_is_nn_Conv2d_with_the_same_weights()
    {
        manual_seed(3);
        var layer = new Conv2dLayer(3, 5, 3, stride: 1, padding: 1).to(float64);
        var reference = nn.Conv2d(3, 5, 3, padding: 1).to(float64);
        using (no_grad())
        {
            reference.weight!.copy_(layer.weight);
            reference.bias!.copy_(layer.bias);
        }
        var input = randn(2, 3, 6, 6, dtype: float64);
        Assert.True(layer.call(input).allclose(reference.call(input), rtol: 0, atol: Tolerance));
        Assert.Equal(2, layer.parameters().Count());
    }

    [Theory]
    [InlineData(1, 28)]
    [InlineData(3, 32)]
    public void The_image_models_map_a_batch_to_class_logits(long channels, long size)
    {
        var input = randn(2, channels, size, size);
        nn.Module<Tensor, Tensor>[] models =
        [
            new LeNet(channels, size), new LeNet(channels, size, fromScratch: true),
            new CifarCnn(channels, size), new SmallResNet(channels),
        ];
        foreach (var model in models) Assert.Equal(new long[] { 2, 10 }, model.call(input).shape);
    }

    [Fact]
    public void CifarCnn_has_the_course_architecture_parameter_count()
    {
        // conv 3→32 (3·3·3·32+32) + conv 32→64 (3·3·32·64+64) + dense 64·8·8→64 (4096·64+64) + dense 64→10 (650)
        long expected = (27 * 32 + 32) + (288 * 64 + 64) + (4096 * 64 + 64) + (64 * 10 + 10);
        Assert.Equal(expected, new CifarCnn().parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_small_resnet_with_batch_norm_learns_to_separate_two_image_classes()
    {
        // Class 0: a bright left half; class 1: a bright right half; plus noise. A working ResNet
        // (shortcuts, batch norm, pooling) fits this in a few dozen steps; a broken one stays near chance.
        manual_seed(4);
        var labels = randint(0, 2, [64], dtype: int64);
        var images = randn(64, 1, 12, 12) * 0.5;
        var brightLeft = labels.eq(0).view(-1, 1, 1, 1).to_type(float32);
        images[.., .., .., ..6] += brightLeft;
        images[.., .., .., 6..] += 1 - brightLeft;
        var model = new SmallResNet(inChannels: 1, numClasses: 2, widths: [8, 16]);
        var optimizer = optim.Adam(model.parameters(), 1e-2);
        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(images), labels).backward();
            optimizer.step();
        }
        model.eval();
        double accuracy = model.call(images).argmax(1).eq(labels).to_type(float32).mean().item<float>();
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P1}");
    }
}
