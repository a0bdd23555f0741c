namespace Winnow.Scoring;

/// <summary>Which end of a score a method keeps when it selects a coreset.</summary>
public enum KeepDirection
{
    /// <summary>Keep the samples with the largest scores (EL2N, GraNd, forgetting, MoSo …).</summary>
    High,
    /// <summary>Keep the samples with the smallest scores (SmallLoss, margin as an uncertainty …).</summary>
    Low,
}
