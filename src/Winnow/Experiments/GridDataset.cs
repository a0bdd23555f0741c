using Winnow.Data;

namespace Winnow.Experiments;

/// <summary>A dataset axis value: the <c>--dataset</c> name and the options that pick its samples.</summary>
public sealed record GridDataset(string Name, int? TrainSize = null, string? DataDir = null, string? LabelColumn = null)
{
    public DataOptions ToDataOptions(string noise, int seed) => new()
    {
        Dataset = Name, TrainSize = TrainSize, DataDir = DataDir, LabelColumn = LabelColumn, Noise = noise, Seed = seed,
    };

    /// <summary>How reports name it: "fashion-mnist (4000 train)".</summary>
    public string Display => TrainSize is { } size ? $"{Name} ({size} train)" : Name;
}
