namespace Winnow.Learners.DivideMix;

/// <summary>
/// DivideMix's own knobs (Li, Socher, Hoi, ICLR 2020); the optimiser, schedule, batch size,
/// epochs and seed come from <see cref="Training.TrainerOptions"/>. Defaults are the reference
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
    public int WarmupEpochs { get; init; } = 3;

    /// <summary>A sample is labeled when its clean probability exceeds this (reference: 0.5).</summary>
    public double PThreshold { get; init; } = 0.5;

    /// <summary>Sharpening temperature T of the guessed and refined labels (reference: 0.5).</summary>
    public double Temperature { get; init; } = 0.5;

    /// <summary>MixUp coefficient l ~ Beta(α, α), then l = max(l, 1 − l) (reference: 4).</summary>
    public double Alpha { get; init; } = 4;

    /// <summary>
    /// Weight λu of the unlabeled loss once ramped up. The reference uses 0 for 20% symmetric
    /// noise, 25 for 50% (its default), 150 for 80% and 90%.
    /// </summary>
    public double LambdaU { get; init; } = 25;

    /// <summary>
    /// Epochs after warm-up over which λu grows linearly from 0, per batch. The reference ramps
    /// over 16 epochs after a 10-epoch warm-up; 5 keeps that ratio to Winnow's 3-epoch warm-up.
    /// 0 applies the full λu from the first epoch after warm-up.
    /// </summary>
    public double RampUpEpochs { get; init; } = 5;

    /// <summary>
    /// Adds the negative entropy of the predictions to the warm-up loss, as the reference does
    /// for asymmetric noise only, to keep the networks from becoming over-confident before the split.
    /// </summary>
    public bool WarmupConfidencePenalty { get; init; }

    /// <summary>λu at a fractional epoch: LambdaU · clip((epoch − warm-up) / ramp-up, 0, 1).</summary>
    public double LambdaUAt(double epoch)
    {
        if (RampUpEpochs <= 0) return epoch >= WarmupEpochs ? LambdaU : 0;
        return LambdaU * Math.Clamp((epoch - WarmupEpochs) / RampUpEpochs, 0, 1);
    }

    public void Validate()
    {
        if (WarmupEpochs < 1)
            throw new WinnowException($"DivideMix needs at least 1 warm-up epoch, so that the loss split has something to go on (got {WarmupEpochs})");
        if (!(PThreshold is >= 0 and < 1))
            throw new WinnowException($"the DivideMix clean-probability threshold must be in [0, 1) (got {PThreshold})");
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
            throw new WinnowException($"the DivideMix sharpening temperature must be a positive number (got {Temperature})");
        if (!(Alpha > 0) || double.IsInfinity(Alpha))
            throw new WinnowException($"the DivideMix mixup alpha must be a positive number (got {Alpha})");
        if (!(LambdaU >= 0) || double.IsInfinity(LambdaU))
            throw new WinnowException($"the DivideMix unlabeled-loss weight must be 0 or more (got {LambdaU})");
        if (!(RampUpEpochs >= 0) || double.IsInfinity(RampUpEpochs))
            throw new WinnowException($"the DivideMix ramp-up length must be 0 or more epochs (got {RampUpEpochs})");
    }
}
