namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The kernel's only view of the transport (xeus keeps ZeroMQ out of its core the same way): send a message on a
/// channel. <see cref="NetMqTransport"/> puts it on a socket; tests record it. Must be thread-safe and keep the
/// order of sends from one thread. Chapter 1 (setup).
/// </summary>
public interface IMessageSender
{
    void Send(KernelChannel channel, JupyterMessage message);
}
