using TorchSharp;
using Winnow.Data;

namespace Winnow.Models;

public delegate Classifier ModelFactory(int[] sampleShape, int classCount);

/// <param name="Images">Whether the model takes images [C, H, W] (H, W ≥ 4) only; otherwise any sample shape (flattened).</param>
/// <param name="Channels">The channel count the model's images must have (pretrained stems: 3); any when null.</param>
public sealed record ModelEntry(string Name, string Description, ModelFactory Create, bool Images = true, int? Channels = null) : IRegistered;

/// <summary>
/// The models runs build by name — Winnow's and those an app registers — with a default per kind
/// of data, so that a run needs no model flag and a bad name or shape fails with a message, not a
/// libtorch error.
/// </summary>
public static class ModelCatalog
{
    public const string SmallCnnName = "small-cnn";
    public const string ResNet18Name = "resnet18";
    public const string PreActResNet18Name = "preact-resnet18";
    public const string MlpName = "mlp";
    public const string ResNet18ImageNetName = "resnet18-imagenet";

    public static Registry<ModelEntry> All { get; } = new("model",
    [
        new(SmallCnnName, "Two conv-pool stages + 128-unit layer; fast, for grey 28×28 images.", (s, c) => new SmallCnn(s[0], s[1], s[2], c)),
        new(ResNet18Name, "ResNet-18, CIFAR stem (3×3, no max-pool); 11.2 M parameters.", (s, c) => new ResNet18(s[0], c)),
        new(PreActResNet18Name, "Pre-activation ResNet-18, CIFAR stem, as in Prune4ReL and SOP.", (s, c) => new PreActResNet18(s[0], c)),
        new(ResNet18ImageNetName, "torchvision's ResNet-18 (7×7 stride-2 stem + max-pool, for 224-pixel RGB images); its state_dict keys, so --init loads torchvision's weights.",
            (_, c) => Classifier.Wrap(ResNet18ImageNetName, torchvision.models.resnet18(num_classes: c)), Channels: 3),
        new(MlpName, "Perceptron D→256→128 with ReLU, for feature vectors (flattens any input).",
            (s, c) => new Mlp(s.Aggregate(1L, (a, d) => a * d), c), Images: false),
    ]);

    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>
    /// Makes a model of your own a model like Winnow's: every run spec, grid file and option that
    /// names a model takes <paramref name="name"/>, and the trainer, every coreset method, the
    /// dynamic pruners, the learners and detection build it with <paramref name="create"/>
    /// (seeded, on the CPU; the run moves it to its device). Adapt a module that is not a
    /// <see cref="Classifier"/> with <see cref="Classifier.Compose"/> or <see cref="Classifier.Wrap"/>.
    /// </summary>
    /// <param name="images">Whether it takes images [C, H, W] only (else any sample shape).</param>
    /// <returns>A handle that removes the model again.</returns>
    public static IDisposable Register(string name, string description, ModelFactory create, bool images = true) =>
        All.Add(new ModelEntry(name, description, create, images));

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
    /// <param name="name">A registered model name (case-insensitive).</param>
    /// <param name="sampleShape">Shape of one sample: [C, H, W] for images, [D] for tables.</param>
    /// <exception cref="WinnowException">Unknown name, or a shape the model cannot take.</exception>
    public static Classifier Create(string name, int[] sampleShape, int classCount) =>
        Check(name, sampleShape, classCount).Create(sampleShape, classCount);

    /// <summary>Checks that the model exists and can take such samples, without building it.</summary>
    public static ModelEntry Check(string name, int[] sampleShape, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sampleShape);
        var entry = All[name];
        if (classCount < 2)
            throw new WinnowException($"model '{entry.Name}' needs at least 2 classes, got {classCount}");
        if (sampleShape.Length == 0 || sampleShape.Any(d => d < 1))
            throw new WinnowException($"model '{entry.Name}' cannot take samples of shape {Format(sampleShape)}");
        // The CNNs need one image [C, H, W] big enough for two 2× poolings (small-cnn) or the
        // ResNets' three stride-2 stages to leave a pixel.
        if (entry.Images && (sampleShape.Length != 3 || sampleShape[1] < 4 || sampleShape[2] < 4))
            throw new WinnowException(
                $"model '{entry.Name}' needs image samples [C, H, W] with H, W ≥ 4, got {Format(sampleShape)}; use '{MlpName}' for feature vectors");
        if (entry.Channels is { } channels && sampleShape[0] != channels)
            throw new WinnowException($"model '{entry.Name}' takes images of {channels} channels, got {Format(sampleShape)}");
        return entry;
    }

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";
}
