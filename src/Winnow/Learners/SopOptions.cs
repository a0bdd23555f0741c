namespace Winnow.Learners;

/// <summary>
/// SOP+ settings (Liu et al. 2022, as Prune4ReL runs it on CIFAR-10): per-sample u and v trained
/// by their own plain SGD (no momentum, no weight decay) at learning rates 10 and 100, a
/// consistency term between weak and strong augmentation weighted 0.9 and a class-balance term
/// weighted 0.1; u and v start at N(0, 1e-8²), i.e. at (almost) no correction.
/// </summary>
public sealed record SopOptions
{
    public double LearningRateU { get; init; } = 10;
    public double LearningRateV { get; init; } = 100;
    public double ConsistencyWeight { get; init; } = 0.9;
    public double BalanceWeight { get; init; } = 0.1;
    public double InitStd { get; init; } = 1e-8;

    public void Validate()
    {
        if (!(LearningRateU > 0) || !(LearningRateV > 0) || double.IsInfinity(LearningRateU) || double.IsInfinity(LearningRateV))
            throw new WinnowException($"SOP+ learning rates for u and v must be positive (got {LearningRateU} and {LearningRateV})");
        if (!(ConsistencyWeight >= 0) || !(BalanceWeight >= 0) || double.IsInfinity(ConsistencyWeight) || double.IsInfinity(BalanceWeight))
            throw new WinnowException($"SOP+ consistency and balance weights must not be negative (got {ConsistencyWeight} and {BalanceWeight})");
        if (!(InitStd >= 0)) throw new WinnowException($"SOP+ initial standard deviation must not be negative (got {InitStd})");
    }
}
