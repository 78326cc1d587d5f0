using System.Diagnostics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>
/// The CIFAR CNN training step of <see cref="TrainingCase"/> taken apart, phase by phase and op by op, to find where
/// it is slower than PyTorch. bench/peers/cnn_profile.py holds the same actions under the same names and drives
/// both sides in lock step (<see cref="Serve"/>), so that the machine's load falls on both alike.
/// </summary>
public static class CnnProfile
{
    const int B = 64;

    /// <summary>
    /// Answers one line at a time: <c>info</c> describes the process's threads, malloc and OpenMP settings;
    /// <c>names</c> lists the actions (then <c>end</c>); an action's name runs it once in a dispose scope and answers
    /// the milliseconds it took, the page faults it caused (minor faults of the whole process: memory mapped afresh and
    /// touched) and the CPU time of all the process's threads meanwhile, which other processes' load changes far less
    /// than the elapsed time; <c>quit</c> ends.
    /// </summary>
    public static void Serve(TextReader input, TextWriter output)
    {
        var actions = Actions().ToDictionary(a => a.Name, a => a.Run);
        output.WriteLine("ready");
        output.Flush();
        while (input.ReadLine() is { } line && line != "quit")
        {
            if (line == "info")
                output.WriteLine($"intra-op threads {get_num_threads()}, inter-op threads {get_num_interop_threads()}, " +
                    $"malloc: {CpuMemory.Setting}, OMP_WAIT_POLICY {Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset"}");
            else if (line == "names")
            {
                foreach (var name in actions.Keys) output.WriteLine(name);
                output.WriteLine("end");
            }
            else if (actions.TryGetValue(line, out var action))
            {
                long faults = MinorFaults();
                double cpu = ProcessCpuMs();
                long start = Stopwatch.GetTimestamp();
                using (NewDisposeScope()) action();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                output.WriteLine(FormattableString.Invariant($"{ms:R} {MinorFaults() - faults} {ProcessCpuMs() - cpu:R}"));
            }
            else output.WriteLine($"error: no action named '{line}'");
            output.Flush();
        }
    }

    // CPU time of every thread of the process, in milliseconds, at nanosecond resolution (CLOCK_PROCESS_CPUTIME_ID).
    static double ProcessCpuMs()
    {
        const int ProcessCpuTimeClock = 2;   // CLOCK_PROCESS_CPUTIME_ID in <time.h>
        clock_gettime(ProcessCpuTimeClock, out var time);
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds, Nanoseconds; }

    [DllImport("libc")]
    static extern int clock_gettime(int clock, out TimeSpec time);

    // Field 10 of /proc/self/stat, counted after the parenthesised command name (which may hold spaces).
    static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every timed action; names and work must match cnn_profile.py's actions().</summary>
    public static IEnumerable<(string Name, Action Run)> Actions()
    {
        manual_seed(0);
        var cnn = TrainingCase.All().Single(c => c.Name == "CIFAR CNN");
        var model = cnn.Model();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var x = randn(B, 3, 32, 32).DetachFromDisposeScope();
        var y = randint(0, 10, B).DetachFromDisposeScope();
        // The same numbers stored channels-last (NHWC strides, NCHW shape): conv2d then produces channels-last
        // activations, and relu and max_pool2d keep them so.
        var xChannelsLast = ChannelsLast(x);
        void Step(Tensor input)
        {
            optimizer.zero_grad();
            cnn.Loss(model.call(input), y).backward();
            optimizer.step();
        }
        Step(x);   // creates Adam's state and the gradients

        yield return ("step: whole", () => Step(x));
        yield return ("step: whole, channels-last input", () => Step(xChannelsLast));
        yield return ("step: zero_grad", () => optimizer.zero_grad());
        yield return ("step: forward + loss", () => cnn.Loss(model.call(x), y));
        yield return ("step: forward + loss + backward", () => cnn.Loss(model.call(x), y).backward());
        yield return ("step: Adam step", () => optimizer.step());
        foreach (var (name, forward, wrt) in Ops())
        {
            yield return ($"{name}: forward", () => forward());
            yield return ($"{name}: forward + backward", () =>
            {
                var output = forward();
                autograd.grad([output], wrt, [ones_like(output)]);
            });
        }
    }

    static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).DetachFromDisposeScope();

    // Each op of the model at its shape in the step, with respect to what the step differentiates.
    static IEnumerable<(string Name, Func<Tensor> Forward, Tensor[] Wrt)> Ops()
    {
        static Tensor Leaf(params long[] shape) => randn(shape).requires_grad_().DetachFromDisposeScope();
        var x = randn(B, 3, 32, 32).DetachFromDisposeScope();
        var (w1, b1) = (Leaf(32, 3, 3, 3), Leaf(32));
        yield return ("conv2d 3→32 on 32×32 (weight grads only)", () => nn.functional.conv2d(x, w1, b1), [w1, b1]);
        var a1 = Leaf(B, 32, 30, 30);
        yield return ("relu 64×32×30×30", () => nn.functional.relu(a1), [a1]);
        yield return ("max_pool2d 2×2 of 64×32×30×30", () => nn.functional.max_pool2d(a1, 2), [a1]);
        var a1ChannelsLast = ChannelsLast(a1.detach()).requires_grad_();
        yield return ("max_pool2d 2×2 of 64×32×30×30, channels-last", () => nn.functional.max_pool2d(a1ChannelsLast, 2), [a1ChannelsLast]);
        var (p1, w2, b2) = (Leaf(B, 32, 15, 15), Leaf(64, 32, 3, 3), Leaf(64));
        yield return ("conv2d 32→64 on 15×15", () => nn.functional.conv2d(p1, w2, b2), [p1, w2, b2]);
        var a2 = Leaf(B, 64, 13, 13);
        yield return ("relu 64×64×13×13", () => nn.functional.relu(a2), [a2]);
        yield return ("max_pool2d 2×2 of 64×64×13×13", () => nn.functional.max_pool2d(a2, 2), [a2]);
        var (f, w3, b3) = (Leaf(B, 2304), Leaf(64, 2304), Leaf(64));
        yield return ("linear 2304→64", () => nn.functional.linear(f, w3, b3), [f, w3, b3]);
        var (h, w4, b4) = (Leaf(B, 64), Leaf(10, 64), Leaf(10));
        yield return ("linear 64→10", () => nn.functional.linear(h, w4, b4), [h, w4, b4]);
        var (logits, targets) = (Leaf(B, 10), randint(0, 10, B).DetachFromDisposeScope());
        yield return ("cross_entropy 64×10", () => nn.functional.cross_entropy(logits, targets), [logits]);
    }
}
