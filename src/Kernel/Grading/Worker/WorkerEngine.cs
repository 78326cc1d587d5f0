using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>The engine a grade worker runs submissions in: the same one the kernel and the runner use.</summary>
public static class WorkerEngine
{
    public static IExecutionEngine Create() => new FallbackScriptEngine();
}
