namespace LearnLM.Kernel.Protocol;

/// <summary>
/// <c>Console.In</c> inside the kernel: <c>Console.ReadLine()</c> in a cell prompts the frontend through
/// <see cref="StdinChannel"/>. Chapter 1 (setup).
/// </summary>
public sealed class StdinReader(StdinChannel channel) : TextReader
{
    string _pending = "";

    /// <summary>Whatever the cell printed as a prompt ("Name: ") is sent before the frontend is asked.</summary>
    string ReadFromFrontend()
    {
        Console.Out.Flush();
        Console.Error.Flush();
        return channel.ReadLine();
    }

    public override string? ReadLine()
    {
        if (_pending.Length > 0) { string rest = _pending.TrimEnd('\n'); _pending = ""; return rest; }
        return ReadFromFrontend();
    }

    public override int Read()
    {
        if (_pending.Length == 0) _pending = ReadFromFrontend() + "\n";
        char next = _pending[0];
        _pending = _pending[1..];
        return next;
    }

    public override int Peek()
    {
        if (_pending.Length == 0) _pending = ReadFromFrontend() + "\n";
        return _pending[0];
    }
}
