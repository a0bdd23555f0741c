namespace Winnow.Scoring;

/// <summary>One score per training sample (index i = sample i) and the end a selector keeps.</summary>
public sealed record SampleScores(string Method, float[] Values, KeepDirection Keep)
{
    public int Count => Values.Length;

    /// <summary>
    /// The scores oriented so that larger means "keep first", for rankings and for flagging noisy
    /// labels (AUROC): High scores as they are, Low scores negated.
    /// </summary>
    public float[] KeepPriority() => Keep == KeepDirection.High ? (float[])Values.Clone() : Values.Select(v => -v).ToArray();
}
