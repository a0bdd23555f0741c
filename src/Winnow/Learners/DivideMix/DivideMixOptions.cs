using Winnow.Settings;

namespace Winnow.Learners.DivideMix;

/// <summary>
/// DivideMix's own knobs (Li, Socher, Hoi, ICLR 2020); the optimiser, schedule, batch size,
/// epochs and seed are the trainer's. Defaults are the reference
/// code's for CIFAR-10 (Train_CIFAR.py), except the two epoch counts, which the reference sets
/// for 300-epoch GPU runs and Winnow scales down for runs of tens of epochs on a CPU.
/// </summary>
public sealed record DivideMixOptions
{
    /// <summary>
    /// Epochs of plain cross-entropy on both networks before the first loss split. The reference
    /// warms up 10 of 300 epochs on CIFAR-10 (30 on CIFAR-100): long enough for clean samples to
    /// reach lower losses than flipped ones, short enough that the networks have not memorised the
    /// flipped labels. Winnow's default of 3 is that idea scaled to runs of tens of epochs; raise
    /// it for longer runs or harder data.
    /// </summary>
    [Setting("warmup", "DivideMix: epochs of plain cross-entropy before the first split (counted in the epochs)", Label = "the DivideMix warm-up", Min = 1)]
    public int WarmupEpochs { get; init; } = 3;

    /// <summary>A sample is labeled when its clean probability exceeds this (reference: 0.5).</summary>
    [Setting("threshold", "DivideMix: clean probability above which a sample is labeled", Label = "the DivideMix clean-probability threshold", Min = 0, Max = 1, MaxExclusive = true)]
    public double PThreshold { get; init; } = 0.5;

    /// <summary>Sharpening temperature T of the guessed and refined labels (reference: 0.5).</summary>
    [Setting("temperature", "DivideMix: sharpening temperature of guessed and refined labels", Label = "the DivideMix sharpening temperature", Min = 0, MinExclusive = true)]
    public double Temperature { get; init; } = 0.5;

    /// <summary>MixUp coefficient l ~ Beta(α, α), then l = max(l, 1 − l) (reference: 4).</summary>
    [Setting("alpha", "DivideMix: MixUp coefficient l ~ Beta(α, α)", Label = "the DivideMix mixup alpha", Min = 0, MinExclusive = true)]
    public double Alpha { get; init; } = 4;

    /// <summary>
    /// Weight λu of the unlabeled loss once ramped up. The reference uses 0 for 20% symmetric
    /// noise, 25 for 50% (its default), 150 for 80% and 90%.
    /// </summary>
    [Setting("lambda-u", "DivideMix: weight of the unlabeled loss (reference: 0 at 20% noise, 25 at 50%, 150 at 80%)", Label = "the DivideMix unlabeled-loss weight", Min = 0)]
    public double LambdaU { get; init; } = 25;

    /// <summary>
    /// Epochs after warm-up over which λu grows linearly from 0, per batch. The reference ramps
    /// over 16 epochs after a 10-epoch warm-up; 5 keeps that ratio to Winnow's 3-epoch warm-up.
    /// 0 applies the full λu from the first epoch after warm-up.
    /// </summary>
    [Setting("ramp-up", "DivideMix: epochs after warm-up over which the unlabeled-loss weight grows from 0", Label = "the DivideMix ramp-up length", Min = 0)]
    public double RampUpEpochs { get; init; } = 5;

    /// <summary>
    /// Adds the negative entropy of the predictions to the warm-up loss, as the reference does
    /// for asymmetric noise only, to keep the networks from becoming over-confident before the split.
    /// </summary>
    [Setting("warmup-confidence-penalty", "DivideMix: add the negative entropy to the warm-up loss (the reference does, for asymmetric noise)")]
    public bool WarmupConfidencePenalty { get; init; }

    /// <summary>λu at a fractional epoch: LambdaU · clip((epoch − warm-up) / ramp-up, 0, 1).</summary>
    public double LambdaUAt(double epoch)
    {
        if (RampUpEpochs <= 0) return epoch >= WarmupEpochs ? LambdaU : 0;
        return LambdaU * Math.Clamp((epoch - WarmupEpochs) / RampUpEpochs, 0, 1);
    }

    public void Validate() => Declared.Validate(this);
}
