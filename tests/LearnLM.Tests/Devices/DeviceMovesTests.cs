using LearnLM.Devices;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Devices;

[Collection(GlobalRandomCollection.Name)]
public sealed class DeviceMovesTests
{
    [Fact]
    public void Batches_already_on_the_device_are_returned_as_they_are()
    {
        var batch = (Input: zeros(2, 3), Target: zeros(2));
        var moved = batch.ToDevice(CPU);
        Assert.Same(batch.Input, moved.Input);
        Assert.Same(batch.Target, moved.Target);
        Assert.True(moved.Input.IsOn(DeviceManager.Resolve("cpu")));
    }

    [Fact]
    public void Models_move_to_the_default_device_when_none_is_given()
    {
        var model = nn.Linear(2, 2).ToDevice();
        Assert.All(model.parameters(), p => Assert.True(p.IsOn(DeviceManager.Default)));
    }

    [Fact]
    public void Cuda_tensors_are_not_taken_for_cpu_ones()
    {
        using var t = zeros(1);
        Assert.False(t.IsOn(new Device(DeviceType.CUDA, 0)));
    }

    [Fact]
    public void A_cuda_index_beyond_the_devices_names_those_that_exist()
    {
        var error = Assert.Throws<DeviceNotAvailableException>(() => DeviceManager.Resolve("cuda:7"));
        Assert.Contains("cpu", error.Message);          // the list of devices here
        Assert.Contains("cuda:7", error.Message);       // what was asked for
    }

    [Fact]
    public void Seeding_repeats_random_draws()
    {
        Seeding.Seed(123);
        using var first = randn(5);
        Seeding.Seed(123);
        using var second = randn(5);
        Assert.True(first.equal(second).all().item<bool>());
        Assert.Equal(123, Seeding.Current);
    }
}
