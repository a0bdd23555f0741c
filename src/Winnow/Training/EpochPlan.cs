namespace Winnow.Training;

/// <summary>
/// What the trainer trains on in one epoch: sample indices (into the training set) and an
/// optional loss weight per index. The trainer shuffles the indices itself. A static coreset is
/// the same plan every epoch; a dynamic pruner makes a new one each epoch.
/// </summary>
public sealed record EpochPlan(int[] Indices, float[]? Weights = null)
{
    public int Count => Indices.Length;

    public static EpochPlan All(int count) => new(Enumerable.Range(0, count).ToArray());

    public void Validate(int trainCount)
    {
        if (Indices.Length == 0) throw new WinnowException("an epoch plan holds no samples");
        if (Weights is not null && Weights.Length != Indices.Length)
            throw new WinnowException($"an epoch plan has {Indices.Length} indices but {Weights.Length} weights");
        foreach (var i in Indices)
        {
            if (i < 0 || i >= trainCount) throw new WinnowException($"sample index {i} is outside the training set (0–{trainCount - 1})");
        }
    }
}
