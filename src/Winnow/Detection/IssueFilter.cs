namespace Winnow.Detection;

/// <summary>
/// How confident learning turns its estimated joint into a set of label issues (cleanlab's
/// <c>filter_by</c>; Northcutt et al. 2021, §3.2).
/// </summary>
public enum IssueFilter
{
    /// <summary>For every off-diagonal cell (given k, true j) of the calibrated joint, flag that many samples labelled k with the largest margin p_j − p_k (cleanlab's default).</summary>
    PruneByNoiseRate,
    /// <summary>For every class k, flag as many samples labelled k as the joint says are wrong, those with the lowest p_k.</summary>
    PruneByClass,
    /// <summary>Flagged by both rules.</summary>
    Both,
}
