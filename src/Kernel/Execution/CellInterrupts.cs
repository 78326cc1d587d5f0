using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// The interrupt flags that rewritten cell code polls (chapter 1: running notebooks). .NET cannot abort a thread,
/// so <see cref="InterruptRewriter"/> puts a call to <see cref="Check"/> at the top of every loop and method body;
/// when its session's flag is set, the call throws and the cell unwinds. One slot per engine, so engines in the
/// same process (tests, a grader) interrupt independently.
/// </summary>
public static class CellInterrupts
{
    const int Capacity = 4096;
    static readonly int[] _flags = new int[Capacity];
    static readonly ConcurrentQueue<int> _free = new();
    static int _next = -1;

    /// <summary>Called by rewritten cell code; throws <see cref="CellInterruptedException"/> once the session is interrupted.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int session)
    {
        if (Volatile.Read(ref _flags[session]) != 0) Throw();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Throw() => throw new CellInterruptedException();

    internal static int Allocate()
    {
        if (_free.TryDequeue(out int session)) return session;
        session = Interlocked.Increment(ref _next);
        if (session >= Capacity) throw new InvalidOperationException($"More than {Capacity} script engines alive in one process; dispose engines you no longer use.");
        return session;
    }

    internal static void Release(int session) { Clear(session); _free.Enqueue(session); }

    internal static void Request(int session) => Volatile.Write(ref _flags[session], 1);

    internal static void Clear(int session) => Volatile.Write(ref _flags[session], 0);

    internal static bool IsRequested(int session) => Volatile.Read(ref _flags[session]) != 0;
}

/// <summary>Thrown inside a cell when the user interrupts it; an <see cref="OperationCanceledException"/> so cancellation-aware code treats it alike.</summary>
public sealed class CellInterruptedException() : OperationCanceledException("The cell was interrupted.");
