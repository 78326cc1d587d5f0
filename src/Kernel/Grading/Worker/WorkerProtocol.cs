using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// The grade worker's wire format. The grader writes one <see cref="WorkerJob"/> as JSON to the worker's stdin and
/// closes it; the worker answers with <see cref="WorkerEvent"/>s, one JSON object per line, on a channel the
/// student's code cannot reach by printing (see <see cref="ProtocolChannel"/>).
/// </summary>
public static class WorkerProtocol
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);
}

/// <param name="Cells">The code to run, in order, as one session.</param>
/// <param name="CellTimeoutSeconds">After this the worker interrupts the cell and reports a timeout.</param>
/// <param name="OutputLimit">Characters of each cell's output kept; the rest is counted, not sent.</param>
public sealed record WorkerJob(IReadOnlyList<string> Cells, double CellTimeoutSeconds, int OutputLimit);

public enum WorkerEventKind { Ready, Start, End, Exit, Done }

public enum CellStatus { Ok, Error, Timeout }

/// <param name="Cell">0-based index into <see cref="WorkerJob.Cells"/>.</param>
/// <param name="Output">Text the cell printed (stdout and stderr interleaved), cut at the job's output limit.</param>
/// <param name="Result">The cell's value as text/plain, if any.</param>
/// <param name="ExitCode">For <see cref="WorkerEventKind.Exit"/>: the code the cell passed to Environment.Exit.</param>
public sealed record WorkerEvent(
    WorkerEventKind Event,
    int? Cell = null,
    CellStatus? Status = null,
    WorkerError? Error = null,
    string? Output = null,
    string? Result = null,
    int? ExitCode = null);

public sealed record WorkerError(string Name, string Value, IReadOnlyList<string> Traceback);
