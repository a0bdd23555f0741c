namespace Winnow.Models;

/// <summary>What loading a state_dict did: the tensors loaded, and those skipped (non-strict) with why.</summary>
public sealed record WeightsReport(int Loaded, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, IReadOnlyList<string> Misshaped)
{
    public int Skipped => Missing.Count + Unexpected.Count + Misshaped.Count;

    /// <summary>"2 missing (fc.weight, fc.bias), 1 mis-shaped (…)": the first few of each kind.</summary>
    public string Describe()
    {
        static string Part(IReadOnlyList<string> keys, string what) =>
            keys.Count == 0 ? "" : $"{keys.Count} {what} ({string.Join(", ", keys.Take(PretrainedWeights.Shown))}{(keys.Count > PretrainedWeights.Shown ? ", …" : "")})";
        return string.Join("; ", new[] { Part(Missing, "missing"), Part(Unexpected, "unexpected"), Part(Misshaped, "mis-shaped") }.Where(p => p.Length > 0));
    }
}
