using System.Text.Json.Nodes;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Notebooks;

/// <summary>
/// The headless runner's display host (chapter 1): writes what a cell shows into its nbformat outputs the way a
/// Jupyter frontend would store them — consecutive stream text merged, <c>display_data</c> replaced in place when
/// its display id is updated (from any later cell), JSON MIME types stored as JSON.
/// </summary>
public sealed class NotebookOutputHost : IDisplayHost
{
    readonly object _lock;
    readonly Dictionary<string, List<JsonObject>> _displays;
    readonly JsonArray _outputs;

    /// <summary>A host for one notebook; use <see cref="ForCell"/> to direct output into each cell in turn.</summary>
    public NotebookOutputHost() : this(new JsonArray(), new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal), new object()) { }

    NotebookOutputHost(JsonArray outputs, Dictionary<string, List<JsonObject>> displays, object gate)
    {
        _outputs = outputs;
        _displays = displays;
        _lock = gate;
    }

    /// <summary>A host that appends to <paramref name="outputs"/> and shares this notebook's display ids.</summary>
    public NotebookOutputHost ForCell(JsonArray outputs) => new(outputs, _displays, _lock);

    public bool SupportsUpdates => true;

    public void WriteStream(OutputStream stream, string text)
    {
        string name = stream == OutputStream.Stdout ? "stdout" : "stderr";
        lock (_lock)
        {
            if (_outputs.LastOrDefault() is JsonObject last && last["output_type"]?.GetValue<string>() == "stream" && last["name"]?.GetValue<string>() == name)
                last["text"] = last["text"]!.GetValue<string>() + text;
            else
                _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(bundle), ["metadata"] = Metadata(bundle) };
        lock (_lock)
        {
            _outputs.Add(output);
            if (displayId is null) return;
            if (!_displays.TryGetValue(displayId, out var shown)) _displays[displayId] = shown = [];
            shown.Add(output);
        }
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        lock (_lock)
        {
            // Like a frontend: an id never displayed has nothing to update.
            if (!_displays.TryGetValue(displayId, out var shown)) return;
            foreach (var output in shown)
            {
                output["data"] = Data(bundle);
                output["metadata"] = Metadata(bundle);
            }
        }
    }

    /// <summary>The cell's result as Jupyter's <c>execute_result</c>.</summary>
    public void Result(MimeBundle bundle, int executionCount)
    {
        lock (_lock)
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = Data(bundle), ["metadata"] = Metadata(bundle),
            });
    }

    public void Error(string name, string value, IEnumerable<string> traceback)
    {
        lock (_lock)
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray([.. traceback.Select(l => (JsonNode)l)]),
            });
    }

    static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Data)
            data[mime] = MimeBundle.IsJson(mime) ? ParseOrText(value) : value;
        return data;
    }

    static JsonObject Metadata(MimeBundle bundle)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in bundle.Metadata ?? new Dictionary<string, string>()) metadata[key] = value;
        return metadata;
    }

    static JsonNode? ParseOrText(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return json; }
    }
}
