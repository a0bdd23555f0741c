using System.Text.Json.Nodes;

namespace Winnow.Experiments;

/// <summary>
/// One line of failures.jsonl: a run that stopped with an error of its own (its training loss
/// became NaN, its learner refused the subset), with the run's hash, arm label, configuration and
/// the one-line error. The grid goes on with the other runs; with a fixed seed such a run fails
/// the same way again, so a rerun skips it unless asked to retry.
/// </summary>
public sealed record RunFailure(string Hash, string Arm, JsonObject Config, string Error);
