using System.Collections.Concurrent;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// The one thread on which every cell starts, like a kernel's main thread: thread-local state a cell sets
/// (TorchSharp's grad mode, dispose scopes, thread counts) is still there in the next cell. Its stack is large for
/// recursive code, and a cell blocked in <c>Thread.Sleep</c> or a wait can be woken by <see cref="WakeIfBlocked"/>.
/// </summary>
sealed class ExecutionThread : IDisposable
{
    const int StackSize = 64 * 1024 * 1024;
    readonly BlockingCollection<Action> _work = new();
    readonly Thread _thread;
    volatile bool _busy;

    public ExecutionThread(string name)
    {
        _thread = new Thread(Loop, StackSize) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="start"/> on the execution thread; its synchronous part runs there, the rest wherever its awaits resume.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> start)
    {
        var started = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { started.SetResult(start()); }
            catch (Exception e) { started.SetException(e); }
        });
        return started.Task.Unwrap();
    }

    /// <summary>Wakes the thread from Sleep/Wait/Join (it throws <see cref="ThreadInterruptedException"/>) when it is running a cell.</summary>
    public void WakeIfBlocked()
    {
        if (_busy && (_thread.ThreadState & ThreadState.WaitSleepJoin) != 0) _thread.Interrupt();
    }

    void Loop()
    {
        while (true)
        {
            Action work;
            try { work = _work.Take(); }
            catch (ThreadInterruptedException) { continue; }
            catch (InvalidOperationException) { return; }   // disposed
            _busy = true;
            try { work(); }
            catch (ThreadInterruptedException) { }
            finally { _busy = false; }
            // A wake-up that arrived after the cell finished must not hit the next one.
            try { Thread.Sleep(0); } catch (ThreadInterruptedException) { }
        }
    }

    public void Dispose() => _work.CompleteAdding();
}
