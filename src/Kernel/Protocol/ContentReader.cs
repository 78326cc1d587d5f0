using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>A request field of the wrong type: answered with an error reply that names the field.</summary>
public sealed class InvalidRequestException(string message) : Exception(message);

/// <summary>Typed reads of request content with the spec's defaults; a present field of the wrong type is an error.</summary>
static class ContentReader
{
    public static string? String(this JsonObject content, string name) =>
        content.TryGetPropertyValue(name, out var node) && node is not null
            ? node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw Wrong(name, "a string", node)
            : null;

    public static string RequiredString(this JsonObject content, string name) =>
        content.String(name) ?? throw new InvalidRequestException($"the request has no '{name}' (a string is required)");

    public static bool Bool(this JsonObject content, string name, bool fallback) =>
        content.TryGetPropertyValue(name, out var node) && node is not null
            ? node.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Wrong(name, "true or false", node),
            }
            : fallback;

    public static int Int(this JsonObject content, string name, int fallback) =>
        content.TryGetPropertyValue(name, out var node) && node is not null
            ? node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out int value) ? value
              : node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out double real) && real == Math.Floor(real) && Math.Abs(real) <= int.MaxValue ? (int)real
              : throw Wrong(name, "an integer", node)
            : fallback;

    public static JsonObject? Object(this JsonObject content, string name) =>
        content.TryGetPropertyValue(name, out var node) && node is not null
            ? node as JsonObject ?? throw Wrong(name, "an object", node)
            : null;

    static InvalidRequestException Wrong(string name, string expected, JsonNode node) =>
        new($"'{name}' must be {expected}, not {node.GetValueKind().ToString().ToLowerInvariant()} {Truncate(node.ToJsonString())}");

    static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
