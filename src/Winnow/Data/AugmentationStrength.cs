namespace Winnow.Data;

/// <summary>
/// How hard training images are perturbed: none for tables and ablations, weak (crop + flip)
/// as the usual CIFAR recipe, strong (plus Cutout and brightness/contrast jitter) for the
/// consistency views that SOP+ and AlignPrune-style methods compare against the weak view; crop
/// and flip are weak's two parts alone, to tell which of them a run's accuracy responds to.
/// </summary>
public enum AugmentationStrength
{
    None,
    Weak,
    Strong,
    Crop,
    Flip,
}
