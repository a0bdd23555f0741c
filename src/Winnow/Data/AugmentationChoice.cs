namespace Winnow.Data;

/// <summary>
/// The <c>--augment</c> setting (command line and grid files): auto | none | weak | strong.
/// Auto is weak for colour images and none otherwise, whatever the learner: pad-crop + flip cost
/// Fashion-MNIST 7 pt in 8-epoch runs, with cross-entropy and with SOP+ alike (BENCHMARKS.md),
/// and SOP+ draws its strong view itself.
/// </summary>
public static class AugmentationChoice
{
    public static readonly string[] Names = ["auto", "none", "weak", "strong"];

    public static AugmentationStrength Resolve(string setting, DatasetKind kind) => setting switch
    {
        "auto" => kind == DatasetKind.ColorImage ? AugmentationStrength.Weak : AugmentationStrength.None,
        "none" => AugmentationStrength.None,
        "weak" => AugmentationStrength.Weak,
        "strong" => AugmentationStrength.Strong,
        _ => throw new WinnowException($"unknown augmentation '{setting}': use auto, none, weak or strong"),
    };
}
