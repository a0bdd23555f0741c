using Winnow.Data.Noise;
using Winnow.Settings;

namespace Winnow.Data;

/// <summary>Which data a run loads and how its training labels are corrupted; the seed that picks the subset and draws the noise is the run's.</summary>
public sealed record DataSpec
{
    [Setting("dataset", "fashion-mnist | mnist | idx:DIR | cifar10:DIR | cifar100:DIR | csv:TRAIN[,TEST] | npy:X,Y[,X_TEST,Y_TEST] | npz:FILE (keys x, y or x_train, y_train[, x_test, y_test]) | folder:TRAIN_DIR[,TEST_DIR] (one subfolder of images per class); CSV, arrays or a folder without test data hold out a seeded stratified 20%")]
    public string Dataset { get; init; } = "fashion-mnist";

    [Setting("data-dir", "Folder with the dataset's files (default: $WINNOW_DATA, else /usr/share/datasets/NAME for fashion-mnist and mnist)",
        Label = "the data directory")]
    public string? DataDir { get; init; }

    [Setting("label-column", "CSV only: label column, 0-based index or header name (default: last column)", Label = "the label column")]
    public string? LabelColumn { get; init; }

    /// <summary>
    /// Where the channels of 4-D image arrays lie. Null (auto) reads them from the shape, so that
    /// the common arrays need no setting, and keeps the run's hash as it was before arrays existed.
    /// </summary>
    [Setting("layout", "npy:/npz: only, 4-D image arrays: nchw [N, C, H, W] | nhwc [N, H, W, C] (default auto: whichever of dimensions 1 and 3 holds 1 or 3 channels)",
        Label = "the layout", Choices = typeof(ImageLayout), NullWord = "auto")]
    public string? Layout { get; init; }

    [Setting("image-size", "Image folders: resize each image's shorter side to S and centre-crop S×S (default: the images' own size, which must then agree)",
        Label = "the image size", Min = 1, Max = 16384)]
    public int? ImageSize { get; init; }

    [Setting("channels", "Image folders: 1 (gray) or 3 (RGB) channels (default: gray when every image is, else RGB)", Label = "the channel count", Min = 1, Max = 3)]
    public int? Channels { get; init; }

    [Setting("cache-dir", "Image folders: where the decoded images are cached (default: $WINNOW_CACHE, else $XDG_CACHE_HOME/winnow or ~/.cache/winnow)",
        Label = "the cache directory")]
    public string? CacheDir { get; init; }

    [Setting("skip-bad-images", "Image folders: skip images that cannot be decoded (counted and listed in the output) instead of stopping at the first")]
    public bool SkipBadImages { get; init; }

    [Setting("train-size", "Train on a seeded class-stratified subset of this many samples (default: all)", Min = 1)]
    public int? TrainSize { get; init; }

    [Setting("noise", "Label noise: none | symmetric:R | asymmetric:R | instance:R | file:PATH | file:PATH.pt[:KEY] (R in [0,1); a text file holds one label per line, aligned with the full training split; a .pt file is CIFAR-N's dict of label sets, KEY one of them (default worse_label for 10 classes, noisy_label for 100), its clean_label the truth)")]
    public string Noise { get; init; } = "none";

    [Setting("exclude", "Leave these training samples out, after the subset and noise are drawn: a label_issues.csv of winnow detect (its flagged samples) or a file of source rows, one a line",
        Label = "the exclusion file")]
    public string? Exclude { get; init; }

    [Setting("relabel", "Train the samples a label_issues.csv of winnow detect flags on its suggested labels instead of their own", Label = "the relabeling file")]
    public string? Relabel { get; init; }

    /// <summary>The parsed noise setting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public NoiseSpec NoiseSpec => NoiseSpec.Parse(Noise);

    public void Validate()
    {
        Declared.Validate(this);
        NoiseSpec.Parse(Noise);
        if (LabelColumn is not null && !Dataset.Trim().StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
            throw new WinnowException("the label column applies to csv: datasets only");
        if (Layout is not null && !(IsArrays("npy:") || IsArrays("npz:")))
            throw new SettingException(Declared.Named<DataSpec>("layout"), "applies to npy: and npz: datasets only");
        if (Channels is 2) throw new SettingException(Declared.Named<DataSpec>("channels"), "must be 1 (gray) or 3 (RGB) (got 2)");
        foreach (var (name, given) in new[] { ("image-size", ImageSize is not null), ("channels", Channels is not null), ("cache-dir", CacheDir is not null), ("skip-bad-images", SkipBadImages) })
            if (given && !IsArrays("folder:")) throw new SettingException(Declared.Named<DataSpec>(name), "applies to folder: datasets only");
    }

    private bool IsArrays(string prefix) => Dataset.Trim().StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
