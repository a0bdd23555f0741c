using System.CommandLine;
using Winnow.Data;

namespace Winnow.Cli.Commands;

/// <summary>The dataset, subset and label-noise options shared by every command that loads data.</summary>
public sealed class DataOptionSet
{
    public Option<string> Dataset { get; } = new("--dataset")
    {
        Description = "fashion-mnist | mnist | idx:DIR | cifar10:DIR | cifar100:DIR | csv:TRAIN[,TEST] (CSV without a test file holds out a seeded stratified 20%)",
        DefaultValueFactory = _ => "fashion-mnist",
    };

    public Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Folder with the dataset's files (default: $WINNOW_DATA, else /usr/share/datasets/fashion-mnist for fashion-mnist)",
    };

    public Option<string?> LabelColumn { get; } = new("--label-column")
    {
        Description = "CSV only: label column, 0-based index or header name (default: last column)",
    };

    public Option<int?> TrainSize { get; } = new("--train-size")
    {
        Description = "Train on a seeded class-stratified subset of this many samples (default: all)",
    };

    public Option<string> Noise { get; } = new("--noise")
    {
        Description = "Label noise: none | symmetric:R | asymmetric:R | instance:R | file:PATH (R in [0,1); a file holds one label per line, aligned with the full training split)",
        DefaultValueFactory = _ => "none",
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed for the subset, the noise, model initialisation, shuffling and augmentation",
        DefaultValueFactory = _ => 0,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Dataset, DataDir, LabelColumn, TrainSize, Noise, Seed }) command.Options.Add(option);
    }

    public DataOptions Read(ParseResult result) => new()
    {
        Dataset = result.GetValue(Dataset)!,
        DataDir = result.GetValue(DataDir),
        LabelColumn = result.GetValue(LabelColumn),
        TrainSize = result.GetValue(TrainSize),
        Noise = result.GetValue(Noise)!,
        Seed = result.GetValue(Seed),
    };
}
