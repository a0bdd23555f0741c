using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>The classic ranking of InfoBatch, UCB and ε-greedy: each sample's most recent training loss.</summary>
public sealed class LossSignal(int sampleCount) : ISampleSignal
{
    public string Name => "loss";

    public IReadOnlyList<int> AlwaysKept { get; } = [];

    public bool ScaleChanged => false;

    public float[] Update(int epoch, EpochPlan plan, EpochResult result)
    {
        var values = Enumerable.Repeat(float.NaN, sampleCount).ToArray();
        for (var k = 0; k < plan.Count; k++) values[plan.Indices[k]] = result.Losses[k];
        return values;
    }
}
