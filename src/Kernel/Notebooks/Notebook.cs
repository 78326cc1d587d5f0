using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) as JSON, kept whole: fields LearnLM does not know survive a load and save.
/// Used by the headless runner, the grader and the tests.
/// </summary>
public sealed class Notebook
{
    public JsonObject Root { get; }

    Notebook(JsonObject root) => Root = root;

    public IReadOnlyList<NotebookCell> Cells =>
        (Root["cells"] as JsonArray ?? []).Select(c => new NotebookCell((JsonObject)c!)).ToList();

    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>A new empty notebook whose kernelspec is LearnLM's C# kernel.</summary>
    public static Notebook Create() => new(new JsonObject
    {
        ["cells"] = new JsonArray(),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = "csharp-learnlm", ["display_name"] = "C# (LearnLM)", ["language"] = "csharp" },
            ["language_info"] = new JsonObject { ["name"] = "csharp", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    });

    public NotebookCell AddCell(string cellType, string source)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = cellType,
            ["id"] = Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = new JsonObject(),
            ["source"] = source,
        };
        if (cellType == "code") { cell["outputs"] = new JsonArray(); cell["execution_count"] = null; }
        ((JsonArray)Root["cells"]!).Add(cell);
        return new NotebookCell(cell);
    }

    /// <exception cref="NotebookFormatException">The file is not JSON, or not an nbformat 4 notebook; the message says where.</exception>
    public static Notebook Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new NotebookFormatException($"{path}: cannot be read ({e.Message})."); }
        return Parse(text, path);
    }

    public static Notebook Parse(string json, string source = "notebook")
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException e)
        { throw new NotebookFormatException($"{source} is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine}): {e.Message}"); }
        if (node is not JsonObject root)
            throw new NotebookFormatException($"{source}: a notebook is a JSON object, not {node?.GetValueKind().ToString() ?? "null"}.");
        if (root["nbformat"]?.GetValueKind() != JsonValueKind.Number || root["nbformat"]!.GetValue<int>() != 4)
            throw new NotebookFormatException($"{source}: only nbformat 4 notebooks are supported (found nbformat {root["nbformat"]?.ToJsonString() ?? "missing"}). Convert it with 'jupyter nbconvert --to notebook'.");
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{source}: the notebook has no 'cells' list.");
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
                throw new NotebookFormatException($"{source}: cell {i + 1} has no 'cell_type'.");
            if (cell["source"] is not (JsonValue or JsonArray))
                throw new NotebookFormatException($"{source}: cell {i + 1} has no 'source'.");
        }
        return new Notebook(root);
    }

    public string ToJson() => Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then moves it over: never half a notebook.</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, ToJson());
        File.Move(temp, full, overwrite: true);
    }

    public Notebook Clone() => new((JsonObject)Root.DeepClone());
}

/// <summary>One cell of a <see cref="Notebook"/>, a view over its JSON.</summary>
public sealed class NotebookCell(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string CellType => Json["cell_type"]!.GetValue<string>();
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text; nbformat allows a string or a list of lines, and both read the same.</summary>
    public string Source
    {
        get => Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            JsonValue value => value.GetValue<string>(),
            _ => "",
        };
        set => Json["source"] = value;
    }

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];

    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    public int? ExecutionCount
    {
        get => Json["execution_count"]?.GetValue<int>();
        set => Json["execution_count"] = value;
    }
}

/// <summary>A malformed notebook; the message names the file and what is wrong.</summary>
public sealed class NotebookFormatException(string message) : Exception(message);
