using System.CommandLine;
using System.Text.Json;
using LearnLM.Bench;
using TorchSharp;
using static TorchSharp.torch;

// learnlm-bench: measurements written as JSON for bench/report.py to put in RESULTS.md beside the peers' numbers.
// Before any tensor: reuse freed activations instead of mapping them afresh every step (see CpuMemory).
string malloc = CpuMemory.Apply();
var root = new RootCommand("LearnLM benchmarks (run them through bench/run.sh).");
var threadsOption = new Option<int>("--threads") { Description = "Intra-op threads for TorchSharp.", DefaultValueFactory = _ => Environment.ProcessorCount };
var outOption = new Option<string>("--out") { Description = "JSON file to write.", Required = true };
var runsOption = new Option<int>("--runs") { Description = "Measured repetitions per timing.", DefaultValueFactory = _ => 20 };

var train = new Command("train", "Training-step time per model, and peak GEMM throughput.") { threadsOption, outOption, runsOption };
train.SetAction(parse =>
{
    int threads = parse.GetValue(threadsOption), runs = parse.GetValue(runsOption);
    torch.set_num_threads(threads);
    var results = new List<object> { Gemm.Peak(runs) };
    foreach (var c in TrainingCase.All())
    {
        torch.manual_seed(0);
        var model = c.Model();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var x = c.Input();
        using var y = c.Target();
        var timing = Timing.Measure(() =>
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            c.Loss(model.call(x), y).backward();
            optimizer.step();
        }, warmup: 3, runs: runs);
        Console.WriteLine($"{c.Name,-20} {timing.MedianMs,8:F2} ms/step  ({c.StepFlops / timing.MedianMs / 1e6:F1} GFLOP/s)");
        results.Add(new { kind = "train", name = c.Name, shape = c.Shape, step_flops = c.StepFlops, timing });
    }
    Write(parse.GetValue(outOption)!, new { side = "LearnLM (TorchSharp 0.107, libtorch 2.10)", threads, malloc, results });
});
root.Subcommands.Add(train);

var other = new Command("other", "Formatter cost, data loading, and quality per time at full settings.") { threadsOption, outOption, runsOption };
other.SetAction(parse =>
{
    torch.set_num_threads(parse.GetValue(threadsOption));
    var results = OtherBenchmarks.Run(parse.GetValue(runsOption)).Concat(QualityBenchmarks.Run()).ToList();
    Write(parse.GetValue(outOption)!, new { threads = parse.GetValue(threadsOption), results });
});
root.Subcommands.Add(other);

var scratch = new Command("scratch", "The library's from-scratch pieces against TorchSharp's built-ins, timed alternately.") { threadsOption, outOption, runsOption };
scratch.SetAction(parse =>
{
    int threads = parse.GetValue(threadsOption), runs = parse.GetValue(runsOption);
    torch.set_num_threads(threads);
    var results = ScratchCases.All().Select(c => c.Run(runs)).ToList();
    string ompWaitPolicy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset";
    Write(parse.GetValue(outOption)!, new { side = "LearnLM (TorchSharp 0.107, libtorch 2.10)", threads, malloc, omp_wait_policy = ompWaitPolicy, results });
});
root.Subcommands.Add(scratch);

var cnn = new Command("cnn-serve", "The CIFAR CNN step taken apart, served line by line to bench/peers/cnn_profile.py, which drives it and PyTorch in lock step.") { threadsOption };
cnn.SetAction(parse =>
{
    torch.set_num_threads(parse.GetValue(threadsOption));
    CnnProfile.Serve(Console.In, Console.Out);
});
root.Subcommands.Add(cnn);

var minutesOption = new Option<double>("--minutes") { Description = "Training time budget.", DefaultValueFactory = _ => 5 };
var gpt = new Command("gpt", "tinyshakespeare MiniGpt under a fixed time budget: validation loss and a sample.") { threadsOption, outOption, minutesOption };
gpt.SetAction(parse =>
{
    torch.set_num_threads(parse.GetValue(threadsOption));
    var results = GptBudgetBenchmark.Run(TimeSpan.FromMinutes(parse.GetValue(minutesOption))).ToList();
    Write(parse.GetValue(outOption)!, new { threads = parse.GetValue(threadsOption), results });
});
root.Subcommands.Add(gpt);
return root.Parse(args).Invoke();

static void Write(string path, object value)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    string temp = path + ".tmp";
    File.WriteAllText(temp, JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
    File.Move(temp, path, overwrite: true);
}
