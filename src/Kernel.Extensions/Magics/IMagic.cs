using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>
/// A <c>#!name args</c> line at the top of a cell (Polyglot syntax). Magics parse and validate their own arguments;
/// bad ones throw <see cref="MagicUsageException"/> with the usage text. A magic that wraps the cell (like
/// <c>#!time</c>) decides when to call <see cref="MagicContext.RunRestAsync"/>; one that does not, lets the runner
/// continue with the rest of the cell after it returns.
/// </summary>
public interface IMagic
{
    /// <summary>The name after <c>#!</c>, e.g. "gpu".</summary>
    string Name { get; }

    /// <summary>One line for <c>#!lsmagic</c>.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text: synopsis, arguments, examples.</summary>
    string Help { get; }

    /// <summary>True when the magic runs the rest of the cell itself (through <see cref="MagicContext.RunRestAsync"/>).</summary>
    bool WrapsCell { get; }

    Task RunAsync(IReadOnlyList<string> args, MagicContext context);
}

/// <param name="Host">Where the magic's output goes.</param>
/// <param name="RunRestAsync">Runs the rest of the cell (later magic lines, then the code). Only for magics that wrap the cell.</param>
public sealed record MagicContext(IDisplayHost Host, Func<Task> RunRestAsync, CancellationToken CancellationToken);

/// <summary>Bad magic arguments: the message says what was wrong and shows the usage.</summary>
public sealed class MagicUsageException(string message) : Exception(message);
