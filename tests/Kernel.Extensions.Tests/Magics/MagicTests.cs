using LearnLM.Devices;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Magics;
using TorchSharp;

namespace LearnLM.Kernel.Extensions.Tests.Magics;

/// <summary>Each shipped magic through the dispatcher: it works, --help prints its help, bad arguments are usage errors.</summary>
[Collection(GlobalTorchState.Name)]
public sealed class MagicTests
{
    static async Task<(RecordingHost Host, List<string> Ran)> Run(string cell)
    {
        var host = new RecordingHost();
        var ran = new List<string>();
        await CellMagics.RunAsync(cell, MagicRegistry.CreateDefault(), host, code => { ran.Add(code.Trim()); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        return (host, ran);
    }

    static async Task<string> UsageError(string cell)
    {
        var error = await Assert.ThrowsAsync<MagicUsageException>(() => Run(cell));
        return error.Message;
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("device")]
    [InlineData("seed")]
    [InlineData("time")]
    [InlineData("threads")]
    [InlineData("lsmagic")]
    public async Task Every_magic_answers_help_with_its_own_usage(string name)
    {
        var (host, ran) = await Run($"#!{name} --help\nnever();");
        Assert.StartsWith($"#!{name}", host.Stdout);
        Assert.Empty(ran);
    }

    [Fact]
    public async Task Lsmagic_lists_every_magic_with_its_summary()
    {
        var (host, _) = await Run("#!lsmagic");
        foreach (var magic in MagicRegistry.CreateDefault().All)
            Assert.Contains($"#!{magic.Name}", host.Stdout);
        Assert.Contains(new GpuMagic().Summary, host.Stdout);
        Assert.Contains("takes no arguments", await UsageError("#!lsmagic extra"));
    }

    [Fact]
    public async Task Gpu_without_cuda_says_what_to_install_and_keeps_the_cpu()
    {
        if (DeviceManager.CudaAvailable) Assert.Skip("This machine has CUDA; the no-CUDA path cannot be observed.");
        var (host, ran) = await Run("#!gpu\ncode");
        Assert.Contains("CUDA is not available", host.Stdout);
        Assert.Contains("-p:TorchBackend=cuda", host.Stdout);
        Assert.Contains("TorchSharp-cuda-linux", host.Stdout);
        Assert.Contains($"torch uses {torch.get_num_threads()} threads", host.Stdout);
        Assert.Contains("Default device: cpu", host.Stdout);
        Assert.Matches(@"memory: this process uses [\d.]+ (MB|GB) of [\d.]+ (MB|GB|TB) available", host.Stdout);
        Assert.Equal(["code"], ran);

        var (useHost, _) = await Run("#!gpu use 0");
        Assert.Contains("NVIDIA driver", useHost.Stderr);
        Assert.Equal(DeviceType.CPU, DeviceManager.Default.type);

        var (offHost, _) = await Run("#!gpu off");
        Assert.Contains("Default device: cpu", offHost.Stdout);
    }

    [Theory]
    [InlineData("#!gpu use", "needs a GPU number")]
    [InlineData("#!gpu use x", "must be a whole number")]
    [InlineData("#!gpu use -1", "must be at least 0")]
    [InlineData("#!gpu fly", "unknown subcommand 'fly'")]
    [InlineData("#!gpu off now", "expected at most 1")]
    public async Task Gpu_rejects_bad_arguments(string cell, string problem)
    {
        var message = await UsageError(cell);
        Assert.Contains(problem, message);
        Assert.Contains("#!gpu use N", message);   // the usage follows the problem
    }

    [Fact]
    public async Task Device_sets_the_default_device()
    {
        try
        {
            var (host, _) = await Run("#!device auto");
            Assert.Equal(DeviceManager.Resolve("auto"), DeviceManager.Default);
            await Run("#!device cpu");
            Assert.Equal(DeviceType.CPU, DeviceManager.Default.type);
            Assert.Contains("Default device: cpu", host.Stdout);
        }
        finally { DeviceManager.Default = torch.CPU; }
    }

    [Theory]
    [InlineData("#!device", "expected one argument")]
    [InlineData("#!device tpu", "'tpu' is not a device")]
    [InlineData("#!device cuda:x", "whole number")]
    [InlineData("#!device cpu cuda", "at most 1")]
    public async Task Device_rejects_bad_arguments(string cell, string problem) =>
        Assert.Contains(problem, await UsageError(cell));

    [Fact]
    public async Task Device_cuda_without_cuda_is_a_usage_error_naming_the_devices()
    {
        if (DeviceManager.CudaAvailable) Assert.Skip("This machine has CUDA.");
        var message = await UsageError("#!device cuda");
        Assert.Contains("Devices here: cpu", message);
    }

    [Fact]
    public async Task Seed_makes_torch_and_the_shared_random_repeat()
    {
        await Run("#!seed 123");
        using var first = torch.randn(5);
        int firstDraw = Seeding.Random.Next();
        await Run("#!seed 123");
        using var second = torch.randn(5);
        Assert.Equal(first.data<float>().ToArray(), second.data<float>().ToArray());
        Assert.Equal(firstDraw, Seeding.Random.Next());
        Assert.Equal(123, Seeding.Current);

        await Run("#!seed 124");
        using var third = torch.randn(5);
        Assert.NotEqual(first.data<float>().ToArray(), third.data<float>().ToArray());
    }

    [Theory]
    [InlineData("#!seed", "expected one argument")]
    [InlineData("#!seed 1.5", "whole number")]
    [InlineData("#!seed -3", "at least 0")]
    public async Task Seed_rejects_bad_arguments(string cell, string problem) =>
        Assert.Contains(problem, await UsageError(cell));

    [Fact]
    public async Task Time_wraps_the_cell_and_reports_wall_cpu_and_allocations()
    {
        var host = new RecordingHost();
        byte[]? kept = null;
        await CellMagics.RunAsync("#!time\nwork();", MagicRegistry.CreateDefault(), host, async _ =>
        {
            kept = new byte[4 << 20];   // 4 MB, so the allocation count must show megabytes
            // Busy until 50 ms pass on the same clock #!time reads (Task.Delay may end a timer tick early).
            var spent = System.Diagnostics.Stopwatch.StartNew();
            while (spent.ElapsedMilliseconds < 50) await Task.Yield();
        }, TestContext.Current.CancellationToken);
        Assert.NotNull(kept);
        var line = host.Stdout;
        Assert.Matches(@"^Wall time: [\d.]+ (ms|s), CPU time: [\d.]+ (ms|s), allocated: [\d.]+ (MB|GB)\n$", line);
        var wallMs = double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"Wall time: ([\d.]+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wallMs, 50, 10_000);   // at least the 50 ms delay
    }

    [Fact]
    public async Task Time_reports_even_when_the_cell_fails()
    {
        var host = new RecordingHost();
        await Assert.ThrowsAsync<InvalidOperationException>(() => CellMagics.RunAsync("#!time\nboom();", MagicRegistry.CreateDefault(), host,
            _ => throw new InvalidOperationException("boom"), TestContext.Current.CancellationToken));
        Assert.StartsWith("Wall time:", host.Stdout);
        Assert.Contains("takes no arguments", await UsageError("#!time 3"));
    }

    [Fact]
    public async Task Threads_sets_torch_threads()
    {
        int before = torch.get_num_threads();
        try
        {
            var (host, _) = await Run("#!threads 1");
            Assert.Equal(1, torch.get_num_threads());
            Assert.StartsWith("torch uses 1 threads", host.Stdout);
        }
        finally { torch.set_num_threads(before); }
        Assert.Contains("whole number", await UsageError("#!threads many"));
        Assert.Contains("between 1 and 1024", await UsageError("#!threads 0"));
    }

    [Fact]
    public void Gpu_memory_is_read_from_nvidia_smi_csv()
    {
        var gpus = GpuQuery.Parse("0, NVIDIA A100-SXM4-40GB, 1024, 40960\n1, Tesla T4, 0, 15360\ngarbage\n");
        Assert.Equal(2, gpus.Count);
        Assert.Equal(new GpuStatus(0, "NVIDIA A100-SXM4-40GB", 1024L << 20, 40960L << 20), gpus[0]);
        Assert.Equal("Tesla T4", gpus[1].Name);
    }
}

/// <summary>Tests that change process-wide torch state (default device, seeds, threads) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTorchState
{
    public const string Name = "global torch state";
}
