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
    IReadOnlyList<GridArm> Arms)
{
    /// <summary>The weights file every run's networks start from (<c>init</c>); random initialisation when null.</summary>
    public GridValue<string>? Init { get; init; }

    /// <summary><c>init_strict</c>: every key must match (else what matches is loaded).</summary>
    public bool InitStrict { get; init; } = true;
}

/// <summary>A value read from a grid file and the node it was read from.</summary>
public sealed record GridValue<T>(T Value, GridNode Node);
