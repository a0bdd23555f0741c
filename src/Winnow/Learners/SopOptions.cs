using Winnow.Settings;

namespace Winnow.Learners;

/// <summary>
/// SOP+ settings (Liu et al. 2022, as Prune4ReL runs it on CIFAR-10): per-sample u and v trained
/// by their own plain SGD (no momentum, no weight decay) at learning rates 10 and 100, a
/// consistency term between weak and strong augmentation weighted 0.9 and a class-balance term
/// weighted 0.1; u and v start at N(0, 1e-8²), i.e. at (almost) no correction.
/// </summary>
public sealed record SopOptions
{
    [Setting("lr-u", "SOP+: learning rate of the per-sample u", Label = "the SOP+ learning rate of u", Min = 0, MinExclusive = true)]
    public double LearningRateU { get; init; } = 10;

    [Setting("lr-v", "SOP+: learning rate of the per-sample v", Label = "the SOP+ learning rate of v", Min = 0, MinExclusive = true)]
    public double LearningRateV { get; init; } = 100;

    [Setting("consistency", "SOP+: weight of the weak/strong augmentation consistency term", Label = "the SOP+ consistency weight", Min = 0)]
    public double ConsistencyWeight { get; init; } = 0.9;

    [Setting("balance", "SOP+: weight of the class-balance term", Label = "the SOP+ balance weight", Min = 0)]
    public double BalanceWeight { get; init; } = 0.1;

    [Setting("init-std", "SOP+: standard deviation of u and v at the start", Label = "the SOP+ initial standard deviation", Min = 0)]
    public double InitStd { get; init; } = 1e-8;

    public void Validate() => Declared.Validate(this);
}
