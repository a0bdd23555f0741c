using System.Text.Json.Nodes;

namespace Winnow.Experiments;

/// <summary>One line of results.jsonl: a finished run's hash, arm label, full configuration and metrics.</summary>
public sealed record ResultRow(string Hash, string Arm, JsonObject Config, RunMetrics Metrics);
