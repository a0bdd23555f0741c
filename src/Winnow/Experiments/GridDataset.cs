using Winnow.Data;

namespace Winnow.Experiments;

/// <summary>A dataset axis value: the data spec (without noise, an axis of its own) and where the grid file gives it.</summary>
public sealed record GridDataset(DataSpec Data, GridNode Node)
{
    /// <summary>How reports name it: "fashion-mnist (4000 train)".</summary>
    public string Display => Data.TrainSize is { } size ? $"{Data.Dataset} ({size} train)" : Data.Dataset;
}
