using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// history_request: tail, range and search over <see cref="ExecutionHistory"/>. Each entry is
/// <c>[session, line, input]</c>, or <c>[session, line, [input, output]]</c> when output is asked for. Chapter 1 (setup).
/// </summary>
public static class HistoryHandler
{
    public static JsonObject Handle(JupyterMessage request, ExecutionHistory history)
    {
        var content = request.Content;
        bool output = content.Bool("output", false);
        string accessType = content.String("hist_access_type") ?? "tail";
        var entries = accessType switch
        {
            "tail" => history.Tail(content.Int("n", 10)),
            "range" => history.Range(content.Int("session", 0), content.Int("start", 1), content.Int("stop", 0)),
            "search" => history.Search(content.String("pattern") ?? "*", content.Int("n", 0), content.Bool("unique", false)),
            _ => throw new InvalidRequestException($"hist_access_type '{accessType}' is not one of tail, range, search"),
        };
        var list = new JsonArray();
        foreach (var entry in entries)
            list.Add(new JsonArray(entry.Session, entry.Line, output ? new JsonArray(entry.Input, entry.Output) : JsonValue.Create(entry.Input)));
        return new JsonObject { ["status"] = "ok", ["history"] = list };
    }
}
