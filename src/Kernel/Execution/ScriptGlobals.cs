namespace LearnLM.Kernel.Execution;

/// <summary>
/// Members every cell sees as globals (chapter 1). <see cref="Cancellation"/> is cancelled when the user
/// interrupts the cell, for code that awaits or polls a token (<c>await Task.Delay(1000, Cancellation)</c>).
/// </summary>
public sealed class ScriptGlobals
{
    public CancellationToken Cancellation { get; internal set; }
}
