using Winnow.Settings;

namespace Winnow.Dynamic;

/// <summary>Settings of the dynamic pruners, with the reference defaults. The seed is the run's.</summary>
public sealed record DynamicOptions
{
    [Setting("prune-ratio", "Prune ratio r: infobatch drops r of the below-mean samples; uniform, ucb, epsilon-greedy drop r of all",
        Label = "prune ratio", Min = 0, Max = 1, MaxExclusive = true)]
    public double PruneRatio { get; init; } = 0.5;

    [Setting("anneal", "infobatch: train on all data from epoch ⌊δ·E⌋ on (reference δ = 0.875)", Label = "the InfoBatch anneal point",
        Min = 0, Max = 1, MinExclusive = true)]
    public double Anneal { get; init; } = 0.875;

    [Setting("reweight", "infobatch: weight the kept below-mean samples 1/(1 − r) (off: weight 1)", Label = "InfoBatch reweighting")]
    public bool Reweight { get; init; } = true;

    [Setting("ema-alpha", "ucb, epsilon-greedy: weight of the newest value in the running means", Label = "the running-mean weight",
        Min = 0, Max = 1, MinExclusive = true)]
    public double EmaAlpha { get; init; } = 0.5;

    [Setting("ucb-c", "ucb: weight c of the running variance in mean + c·variance", Label = "the UCB weight c", Min = 0)]
    public double UcbC { get; init; } = 1.0;

    [Setting("epsilon", "epsilon-greedy: fraction of the kept budget drawn at random", Min = 0, Max = 1)]
    public double Epsilon { get; init; } = 0.1;

    [Setting("reselect-every", "ucb, epsilon-greedy: re-select every k epochs", Label = "the reselection interval", Min = 1)]
    public int ReselectEvery { get; init; } = 1;

    public void Validate() => Declared.Validate(this);
}
