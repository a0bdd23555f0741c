using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// One comparison of a grid: every arm on every dataset × noise × seed, and every static arm at
/// every kept fraction. Each axis value remembers where it is written, so a check that needs the
/// data (a missing folder, a train size larger than the data, a model that cannot take its
/// images) names the file and line.
/// </summary>
public sealed record GridBlock(
    string? Name,
    IReadOnlyList<GridDataset> Datasets,
    IReadOnlyList<GridValue<string>> Noises,
    IReadOnlyList<double> Fractions,
    IReadOnlyList<int> Seeds,
    GridValue<string>? Model,
    TrainerOptions Trainer,
    CoresetOptions Scoring,
    IReadOnlyList<GridArm> Arms);

/// <summary>A value read from a grid file and the node it was read from.</summary>
public sealed record GridValue<T>(T Value, GridNode Node);
