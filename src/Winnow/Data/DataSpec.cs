using Winnow.Data.Noise;
using Winnow.Settings;

namespace Winnow.Data;

/// <summary>Which data a run loads and how its training labels are corrupted; the seed that picks the subset and draws the noise is the run's.</summary>
public sealed record DataSpec
{
    [Setting("dataset", "fashion-mnist | mnist | idx:DIR | cifar10:DIR | cifar100:DIR | csv:TRAIN[,TEST] (CSV without a test file holds out a seeded stratified 20%)")]
    public string Dataset { get; init; } = "fashion-mnist";

    [Setting("data-dir", "Folder with the dataset's files (default: $WINNOW_DATA, else /usr/share/datasets/NAME for fashion-mnist and mnist)",
        Label = "the data directory")]
    public string? DataDir { get; init; }

    [Setting("label-column", "CSV only: label column, 0-based index or header name (default: last column)", Label = "the label column")]
    public string? LabelColumn { get; init; }

    [Setting("train-size", "Train on a seeded class-stratified subset of this many samples (default: all)", Min = 1)]
    public int? TrainSize { get; init; }

    [Setting("noise", "Label noise: none | symmetric:R | asymmetric:R | instance:R | file:PATH | file:PATH.pt[:KEY] (R in [0,1); a text file holds one label per line, aligned with the full training split; a .pt file is CIFAR-N's dict of label sets, KEY one of them (default worse_label for 10 classes, noisy_label for 100), its clean_label the truth)")]
    public string Noise { get; init; } = "none";

    /// <summary>The parsed noise setting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public NoiseSpec NoiseSpec => NoiseSpec.Parse(Noise);

    public void Validate()
    {
        Declared.Validate(this);
        NoiseSpec.Parse(Noise);
        if (LabelColumn is not null && !Dataset.Trim().StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
            throw new WinnowException("the label column applies to csv: datasets only");
    }
}
