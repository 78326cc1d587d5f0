namespace LearnLM.Kernel.Protocol;

/// <summary>
/// <c>Console.In</c> inside the kernel: <c>Console.ReadLine()</c> in a cell prompts the frontend through
/// <see cref="StdinChannel"/>. Chapter 1 (setup).
/// </summary>
public sealed class StdinReader(StdinChannel channel) : TextReader
{
    string _pending = "";

    public override string? ReadLine()
    {
        if (_pending.Length > 0) { string rest = _pending.TrimEnd('\n'); _pending = ""; return rest; }
        return channel.ReadLine();
    }

    public override int Read()
    {
        if (_pending.Length == 0) _pending = channel.ReadLine() + "\n";
        char next = _pending[0];
        _pending = _pending[1..];
        return next;
    }

    public override int Peek()
    {
        if (_pending.Length == 0) _pending = channel.ReadLine() + "\n";
        return _pending[0];
    }
}
