using Winnow.Data;

namespace Winnow.Models;

/// <summary>
/// The models the command line can build by name, with a default per kind of data, so that
/// a run needs no model flag and a bad name or shape fails with a message, not a libtorch error.
/// </summary>
public static class ModelCatalog
{
    public const string SmallCnnName = "small-cnn";
    public const string ResNet18Name = "resnet18";
    public const string PreActResNet18Name = "preact-resnet18";
    public const string MlpName = "mlp";

    /// <summary>Every model name with a one-line description, in display order.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (SmallCnnName, "Two conv-pool stages + 128-unit layer; fast, for grey 28×28 images."),
        (ResNet18Name, "ResNet-18, CIFAR stem (3×3, no max-pool); 11.2 M parameters."),
        (PreActResNet18Name, "Pre-activation ResNet-18, CIFAR stem, as in Prune4ReL and SOP."),
        (MlpName, "Perceptron D→256→128 with ReLU, for feature vectors (flattens any input)."),
    ];

    /// <summary>The model used when none is asked for.</summary>
    public static string DefaultFor(DatasetKind kind) => kind switch
    {
        DatasetKind.GrayImage => SmallCnnName,
        DatasetKind.ColorImage => ResNet18Name,
        DatasetKind.Table => MlpName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Builds a freshly initialised model (seed with torch.random.manual_seed first for
    /// reproducible weights).
    /// </summary>
    /// <param name="name">A name from <see cref="All"/> (case-insensitive).</param>
    /// <param name="sampleShape">Shape of one sample: [C, H, W] for images, [D] for tables.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <exception cref="WinnowException">Unknown name, or a shape the model cannot take.</exception>
    public static Classifier Create(string name, int[] sampleShape, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sampleShape);
        string key = name.Trim().ToLowerInvariant();
        if (!All.Any(m => m.Name == key))
            throw new WinnowException($"Unknown model '{name}'; known models: {string.Join(", ", All.Select(m => m.Name))}.");
        if (classCount < 2)
            throw new WinnowException($"Model '{key}' needs at least 2 classes, got {classCount}.");
        if (sampleShape.Length == 0 || sampleShape.Any(d => d < 1))
            throw new WinnowException($"Model '{key}' cannot take samples of shape {Format(sampleShape)}.");

        if (key == MlpName)
            return new Mlp(sampleShape.Aggregate(1L, (a, d) => a * d), classCount);

        // The CNNs: one image [C, H, W], big enough for two 2× poolings (small-cnn) or the
        // ResNets' three stride-2 stages to leave a pixel.
        if (sampleShape.Length != 3 || sampleShape[1] < 4 || sampleShape[2] < 4)
            throw new WinnowException(
                $"Model '{key}' needs image samples [C, H, W] with H, W ≥ 4, got {Format(sampleShape)}; use '{MlpName}' for feature vectors.");
        int c = sampleShape[0], h = sampleShape[1], w = sampleShape[2];
        return key switch
        {
            SmallCnnName => new SmallCnn(c, h, w, classCount),
            ResNet18Name => new ResNet18(c, classCount),
            PreActResNet18Name => new PreActResNet18(c, classCount),
            _ => throw new InvalidOperationException($"Model '{key}' is listed but not built."),
        };
    }

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";
}
