using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// execute_request: the protocol's half of running a cell (ipykernel's execute_request around do_execute). It owns
/// the execution counter (incremented only for stored, non-silent requests, as the spec says), execute_input,
/// execute_result, the error broadcast, history and user_expressions; the engine only runs code.
/// Chapter 1 (setup).
/// </summary>
public sealed class ExecuteHandler(IExecutionEngine engine, IopubPublisher iopub, ExecutionHistory history, StdinChannel? stdin = null)
{
    int _executionCount;

    /// <summary>The count shown as In [n]: the number of stored executions so far.</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <param name="stopQueue">True when the cell failed and the request asked to abort what is queued behind it.</param>
    public JsonObject Handle(JupyterMessage request, CancellationToken cancellationToken, out bool stopQueue)
    {
        var content = request.Content;
        string code = content.RequiredString("code");
        bool silent = content.Bool("silent", false);
        bool storeHistory = content.Bool("store_history", true) && !silent;
        bool stopOnError = content.Bool("stop_on_error", true);
        var userExpressions = content.Object("user_expressions");

        int count = storeHistory ? Interlocked.Increment(ref _executionCount) : ExecutionCount;
        if (!silent) iopub.Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });

        ExecutionOutcome outcome;
        using (var host = new IopubDisplayHost(iopub, request, silent))
        {
            if (stdin is not null) stdin.Output = host;
            outcome = Run(code, host, cancellationToken);
            if (stdin is not null) stdin.Output = null;
        } // disposing the host flushes the cell's last output before its result
        if (storeHistory) history.Add(count, code, outcome.Result?[MimeBundle.PlainText]);

        if (outcome.Status == ExecutionStatus.Ok)
        {
            stopQueue = false;
            if (!silent && outcome.Result is { } result)
                iopub.Publish(request, "execute_result", new JsonObject
                {
                    ["execution_count"] = count,
                    ["data"] = MimeBundleJson.Data(result),
                    ["metadata"] = MimeBundleJson.Metadata(result),
                });
            return new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = userExpressions is null ? new JsonObject() : Evaluate(userExpressions, cancellationToken),
            };
        }

        stopQueue = stopOnError;
        var error = outcome.Error ?? new ExecutionError(outcome.Status == ExecutionStatus.Aborted ? "Interrupted" : "Error", "The cell did not complete.", []);
        if (!silent) iopub.Publish(request, "error", ErrorContent(error));
        var reply = ErrorContent(error);
        reply["status"] = "error";
        reply["execution_count"] = count;
        return reply;
    }

    ExecutionOutcome Run(string code, IDisplayHost host, CancellationToken cancellationToken)
    {
        try { return engine.ExecuteAsync(code, host, cancellationToken).GetAwaiter().GetResult(); }
        catch (Exception e)
        {
            // The engine promises not to throw for user errors; if it does anyway, the cell fails and the kernel lives.
            return new ExecutionOutcome(ExecutionStatus.Error, ExecutionCount, null, new ExecutionError(e.GetType().Name, e.Message, (e.StackTrace ?? "").Split('\n')));
        }
    }

    /// <summary>Each expression runs silently after the cell; its value or error goes back in the reply.</summary>
    JsonObject Evaluate(JsonObject expressions, CancellationToken cancellationToken)
    {
        var results = new JsonObject();
        foreach (var (name, node) in expressions)
        {
            if (node?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                results[name] = ErrorContent(new ExecutionError("InvalidRequest", $"user expression '{name}' is not a string", []), "error");
                continue;
            }
            using var silentHost = new IopubDisplayHost(iopub, request: null, silent: true);
            var outcome = Run(node.GetValue<string>(), silentHost, cancellationToken);
            results[name] = outcome is { Status: ExecutionStatus.Ok, Result: { } value }
                ? new JsonObject { ["status"] = "ok", ["data"] = MimeBundleJson.Data(value), ["metadata"] = MimeBundleJson.Metadata(value) }
                : outcome.Status == ExecutionStatus.Ok
                    ? new JsonObject { ["status"] = "ok", ["data"] = new JsonObject(), ["metadata"] = new JsonObject() }
                    : ErrorContent(outcome.Error ?? new ExecutionError("Error", "The expression did not complete.", []), "error");
        }
        return results;
    }

    static JsonObject ErrorContent(ExecutionError error, string? status = null)
    {
        var content = new JsonObject();
        if (status is not null) content["status"] = status;
        content["ename"] = error.Name;
        content["evalue"] = error.Value;
        content["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
        return content;
    }
}
