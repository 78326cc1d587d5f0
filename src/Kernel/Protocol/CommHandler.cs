using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// Comms (the channel widgets use). LearnLM registers no comm targets yet: comm_info lists none, and a frontend
/// that opens one is told it was closed, as ipykernel does for an unknown target, so it does not wait forever.
/// Chapter 1 (setup).
/// </summary>
public static class CommHandler
{
    public static JsonObject Info() => new() { ["status"] = "ok", ["comms"] = new JsonObject() };

    public static void Open(JupyterMessage request, IopubPublisher iopub, TextWriter log)
    {
        string? commId = request.Content.String("comm_id");
        string target = request.Content.String("target_name") ?? "";
        log.WriteLine($"learnlm kernel: no comm target '{target}'; closing comm {commId}");
        if (commId is not null)
            iopub.Publish(request, "comm_close", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() });
    }
}
