using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// Runs one submission in its own `learnlm grade-worker` process, in a fresh temporary working directory, and
/// watches it: per-cell and per-notebook timeouts, a memory cap, and whatever ends it early (Environment.Exit,
/// stack overflow, a native crash). Only End events the worker sent count; everything else is a problem.
/// </summary>
public static class WorkerProcess
{
    const int StderrKept = 8_000;

    public static async Task<WorkerRun> RunAsync(WorkerJob job, GradingLimits limits, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var ends = new WorkerEvent?[job.Cells.Count];
        var workDir = Directory.CreateTempSubdirectory("learnlm-grade-");
        try
        {
            Process process;
            try { process = Process.Start(StartInfo(workDir.FullName, limits))!; }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                return new WorkerRun(ends, new WorkerProblem(WorkerProblemKind.StartFailure, null, $"the grading process could not start ({e.Message})"), clock.Elapsed, "");
            }
            using (process)
                return await WatchAsync(process, job, limits, ends, clock, cancellationToken);
        }
        finally
        {
            try { workDir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static async Task<WorkerRun> WatchAsync(Process process, WorkerJob job, GradingLimits limits, WorkerEvent?[] ends, Stopwatch clock, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        int running = -1, exitCell = -1;
        var cellStarted = TimeSpan.Zero;
        bool done = false;

        var stackOverflow = new StrongBox<bool>();
        var stderr = DrainAsync(process.StandardError, stackOverflow);
        var protocol = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                WorkerEvent? message;
                try { message = WorkerProtocol.Deserialize<WorkerEvent>(line); }
                catch (System.Text.Json.JsonException) { continue; } // not ours: the protocol channel carries only worker lines
                if (message is null) continue;
                lock (gate)
                {
                    switch (message.Event)
                    {
                        case WorkerEventKind.Start when message.Cell is int start: running = start; cellStarted = clock.Elapsed; break;
                        case WorkerEventKind.End when message.Cell is int end && end >= 0 && end < ends.Length: ends[end] = message; running = -1; break;
                        case WorkerEventKind.Exit when message.Cell is int cell: exitCell = cell; break;
                        case WorkerEventKind.Done: done = true; break;
                    }
                }
            }
        }, CancellationToken.None);

        try
        {
            await process.StandardInput.WriteAsync(WorkerProtocol.Serialize(job));
            process.StandardInput.Close();
        }
        catch (IOException) { } // it died before reading its job; the exit below says why

        WorkerProblem? problem = null;
        long memoryLimit = (long)limits.MemoryMegabytes * 1024 * 1024;
        while (!process.HasExited)
        {
            try { await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(100), cancellationToken); }
            catch (TimeoutException) { }
            catch (OperationCanceledException) { Kill(process); throw; }
            if (process.HasExited) break;
            int cell; TimeSpan started;
            lock (gate) (cell, started) = (running, cellStarted);
            int? at = cell >= 0 ? cell : null;
            // The runtime prints "Stack overflow." and then walks the whole (64 MB) stack before dying: seconds.
            if (Volatile.Read(ref stackOverflow.Value))
                problem = StackOverflow(at);
            // Memory before time: a cell thrashing at the limit is also slow, and the memory is the real cause.
            else if (ResidentBytes(process) > memoryLimit)
                problem = new(WorkerProblemKind.MemoryLimit, at, $"used more than the memory limit of {limits.MemoryMegabytes} MB");
            else if (clock.Elapsed > limits.NotebookTimeout)
                problem = new(WorkerProblemKind.NotebookTimeout, at, $"timed out: the notebook ran longer than {Seconds(limits.NotebookTimeout)}");
            else if (at is not null && clock.Elapsed - started > limits.CellTimeout + GradingLimits.KillGrace)
                problem = new(WorkerProblemKind.CellTimeout, at, $"timed out: the cell ran longer than {Seconds(limits.CellTimeout)}");
            if (problem is not null) { Kill(process); break; }
        }
        await process.WaitForExitAsync(CancellationToken.None);
        await protocol;
        string errors = await stderr;

        lock (gate)
        {
            if (stackOverflow.Value && problem?.Kind != WorkerProblemKind.Crash && !done)
                problem = StackOverflow(problem?.Cell ?? (running >= 0 ? running : null));
            if (problem is null && !done)
                problem = Ended(process.ExitCode, running >= 0 ? running : null, exitCell >= 0 ? exitCell : null, errors);
        }
        return new WorkerRun(ends, problem, clock.Elapsed, errors);
    }

    static WorkerProblem Ended(int exitCode, int? running, int? exitCell, string stderr)
    {
        if (exitCell is not null)
            return new(WorkerProblemKind.Exit, exitCell, $"the code ended the grading process (Environment.Exit({exitCode}))");
        if (stderr.Contains("OutOfMemory", StringComparison.Ordinal) || exitCode == 137)
            return new(WorkerProblemKind.MemoryLimit, running, $"the grading process ran out of memory (exit code {exitCode})");
        string how = exitCode > 128 && !OperatingSystem.IsWindows() ? $"killed by signal {exitCode - 128}" : $"exit code {exitCode}";
        return new(WorkerProblemKind.Crash, running, $"the grading process crashed ({how})");
    }

    static WorkerProblem StackOverflow(int? cell) =>
        new(WorkerProblemKind.Crash, cell, "the grading process crashed: stack overflow (unbounded recursion?)");

    static ProcessStartInfo StartInfo(string workDir, GradingLimits limits)
    {
        string dll = typeof(GradeWorker).Assembly.Location;
        string? host = Environment.ProcessPath;
        string apphost = Path.Combine(Path.GetDirectoryName(dll)!, OperatingSystem.IsWindows() ? "learnlm.exe" : "learnlm");
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet") { info.FileName = host; info.ArgumentList.Add(dll); }
        else if (File.Exists(apphost)) info.FileName = apphost;
        else { info.FileName = "dotnet"; info.ArgumentList.Add(dll); }
        info.ArgumentList.Add("grade-worker");
        // The managed heap limit turns runaway allocation into an OutOfMemoryException inside the cell.
        info.Environment["DOTNET_GCHeapHardLimit"] = ((long)limits.MemoryMegabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    static long ResidentBytes(Process process)
    {
        try { process.Refresh(); return process.WorkingSet64; }
        catch (InvalidOperationException) { return 0; } // exited between the check and the read
    }

    static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    // Keeps the first few kilobytes and reads the rest away, so a flood of output can never block the worker.
    static async Task<string> DrainAsync(StreamReader reader, StrongBox<bool> stackOverflow)
    {
        const string overflowBanner = "Stack overflow.";
        var kept = new StringBuilder();
        var buffer = new char[4096];
        long dropped = 0;
        int read;
        string tail = "";
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            string seen = tail + new string(buffer, 0, read); // the banner may straddle two reads
            if (seen.Contains(overflowBanner, StringComparison.Ordinal)) Volatile.Write(ref stackOverflow.Value, true);
            tail = seen[Math.Max(0, seen.Length - overflowBanner.Length)..];
            int room = Math.Max(0, StderrKept - kept.Length);
            kept.Append(buffer, 0, Math.Min(room, read));
            dropped += Math.Max(0, read - room);
        }
        return dropped == 0 ? kept.ToString() : $"{kept}\n… [{dropped:N0} more characters]";
    }

    static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
