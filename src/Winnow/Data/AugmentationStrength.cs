namespace Winnow.Data;

/// <summary>
/// How hard training images are perturbed: none for tables and ablations, weak (crop + flip)
/// as the usual CIFAR recipe, strong (plus Cutout and brightness/contrast jitter) for the
/// consistency views that SOP+ and AlignPrune-style methods compare against the weak view.
/// </summary>
public enum AugmentationStrength
{
    None,
    Weak,
    Strong,
}
