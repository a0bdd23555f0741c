using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// One comparison of a grid: every arm on every dataset × noise × seed, and every static arm at
/// every kept fraction. Full-data and dynamic arms have no fraction axis (see <see cref="GridArm"/>).
/// </summary>
/// <param name="Augment">auto | none | weak | strong; auto = weak for colour images (and for any images with SOP+), else none.</param>
public sealed record GridBlock(
    string? Name,
    IReadOnlyList<GridDataset> Datasets,
    IReadOnlyList<string> Noises,
    IReadOnlyList<double> Fractions,
    IReadOnlyList<int> Seeds,
    string? Model,
    TrainerOptions Trainer,
    string Augment,
    CoresetOptions Scoring,
    IReadOnlyList<GridArm> Arms);
