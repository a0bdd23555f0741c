using Winnow.Data;

namespace Winnow.Experiments;

/// <summary>
/// A grid's <c>augment</c> setting for one run: auto = weak for colour images, and for any
/// images with SOP+ (defined on a weak and a strong view), none otherwise — the rule of the
/// command line's <c>--augment auto</c>.
/// </summary>
public static class GridAugmentation
{
    public static AugmentationStrength Resolve(string augment, DatasetKind kind, string learner) => augment switch
    {
        "auto" => kind == DatasetKind.ColorImage || (learner == "sop" && kind != DatasetKind.Table) ? AugmentationStrength.Weak : AugmentationStrength.None,
        "weak" => AugmentationStrength.Weak,
        "strong" => AugmentationStrength.Strong,
        _ => AugmentationStrength.None,
    };
}
