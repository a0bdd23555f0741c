using System.Text.Json.Nodes;
using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>One line of results.jsonl: a finished run's hash, arm label, spec (as canonical JSON) and record.</summary>
public sealed record ResultRow(string Hash, string Arm, JsonObject Config, RunRecord Metrics);
