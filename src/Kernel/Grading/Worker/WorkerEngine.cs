using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>The engine a grade worker runs submissions in: the kernel's own, so a notebook grades as it runs in Jupyter.</summary>
public static class WorkerEngine
{
    /// <summary>Rooted at the worker's working directory: the submission's private temporary folder.</summary>
    public static IExecutionEngine Create() => new ScriptEngine(workingDirectory: Directory.GetCurrentDirectory());
}
