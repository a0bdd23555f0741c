namespace Winnow.Data;

/// <summary>The augmentation setting of a run: auto, or a strength (<see cref="AugmentationStrength"/>).</summary>
public enum Augmentation
{
    /// <summary>Weak for colour images, none for gray images and tables.</summary>
    Auto,
    None,
    Weak,
    Strong,
    /// <summary>Weak's random pad-crop alone.</summary>
    Crop,
    /// <summary>Weak's horizontal flip alone.</summary>
    Flip,
}

/// <summary>
/// Resolves <see cref="Augmentation.Auto"/>: weak for colour images and none otherwise, whatever
/// the learner. Pad-crop + flip cost Fashion-MNIST 7 pt in 8-epoch runs, with cross-entropy and
/// with SOP+ alike, nearly all of it the crop's translation, a convergence cost that shrinks with
/// longer runs (BENCHMARKS.md); SOP+ draws its strong view itself. Tables (feature
/// vectors) are never augmented.
/// </summary>
public static class AugmentationChoice
{
    public static AugmentationStrength Resolve(Augmentation setting, SampleSet set)
    {
        if (set.SampleShape.Length != 3) return AugmentationStrength.None;
        return setting switch
        {
            Augmentation.Auto => set.SampleShape[0] == 3 ? AugmentationStrength.Weak : AugmentationStrength.None,
            Augmentation.Weak => AugmentationStrength.Weak,
            Augmentation.Strong => AugmentationStrength.Strong,
            Augmentation.Crop => AugmentationStrength.Crop,
            Augmentation.Flip => AugmentationStrength.Flip,
            _ => AugmentationStrength.None,
        };
    }
}
