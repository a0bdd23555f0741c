namespace Winnow.Scoring;

/// <summary>
/// A static pruning method: scores the training set and keeps a fraction of it. Methods whose
/// selection is a sort derive from <see cref="RankedMethod"/>; CCS, Moderate and Prune4ReL
/// select in their own way.
/// </summary>
public interface ICoresetMethod
{
    string Name { get; }

    /// <summary>Chooses round(N·f) samples; the result carries the per-sample scores behind the choice.</summary>
    CoresetSelection Select(ScoringContext context, double fraction);
}
