using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>Broadcasts on iopub: status, execute_input, outputs, errors — each stamped with the request that caused it. Chapter 1 (setup).</summary>
public sealed class IopubPublisher(IMessageSender sender, KernelSession session)
{
    public void Publish(JupyterMessage? parent, string msgType, JsonObject content) =>
        sender.Send(KernelChannel.IOPub, session.Broadcast(parent, msgType, content));

    /// <summary>busy / idle around every request; starting once at launch.</summary>
    public void Status(JupyterMessage? parent, string executionState) =>
        Publish(parent, "status", new JsonObject { ["execution_state"] = executionState });
}
