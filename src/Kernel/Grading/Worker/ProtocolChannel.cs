using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// Gives the worker a private line to the grader. On Unix the worker keeps a duplicate of its original stdout
/// (the grader's pipe) for the protocol and points file descriptor 1 at stderr, so anything the student's code
/// writes to "stdout" — Console after a reset, Console.OpenStandardOutput(), native libraries — lands in stderr,
/// never in the middle of a protocol line. Must run before anything touches Console.Out.
/// </summary>
static class ProtocolChannel
{
    public static Stream Open()
    {
        if (OperatingSystem.IsWindows())
            return Console.OpenStandardOutput(); // no dup2 there: the worker's own Console redirection is the only guard
        int protocol = Dup(1);
        if (protocol < 0 || Dup2(2, 1) < 0)
            throw new IOException($"grade-worker: could not separate the protocol from stdout (errno {Marshal.GetLastPInvokeError()}).");
        return new FileStream(new SafeFileHandle(protocol, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    static extern int Dup2(int oldFd, int newFd);
}
