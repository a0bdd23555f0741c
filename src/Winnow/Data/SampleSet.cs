using static TorchSharp.torch;

namespace Winnow.Data;

/// <summary>
/// Samples ready for training: one normalised float tensor [N, ...SampleShape] on the CPU (batches
/// are gathered from it and moved to the device that computes), the
/// labels the learner sees (noisy where noise was applied) and, when known, the clean labels.
/// Index i is the sample's identity everywhere in Winnow: trajectories, scores, selections and
/// epoch plans all speak of positions in this set.
/// </summary>
public sealed class SampleSet : IDisposable
{
    private readonly Tensor? _inputs;
    private readonly StoredSamples? _stored;

    public SampleSet(Tensor inputs, int[] labels, int[]? cleanLabels, int classCount)
        : this(labels, cleanLabels, classCount)
    {
        if (inputs.shape[0] != labels.Length)
            throw new ArgumentException($"inputs hold {inputs.shape[0]} samples but there are {labels.Length} labels");
        _inputs = inputs;
        SampleShape = inputs.shape[1..];
    }

    /// <summary>Samples read from a store a batch at a time and normalised as they are read (see <see cref="StoredSamples"/>).</summary>
    public SampleSet(StoredSamples inputs, int[] labels, int[]? cleanLabels, int classCount)
        : this(labels, cleanLabels, classCount)
    {
        if (inputs.Count != labels.Length)
            throw new ArgumentException($"inputs hold {inputs.Count} samples but there are {labels.Length} labels");
        _stored = inputs;
        SampleShape = inputs.SampleShape.Select(d => (long)d).ToArray();
    }

    private SampleSet(int[] labels, int[]? cleanLabels, int classCount)
    {
        if (cleanLabels is not null && cleanLabels.Length != labels.Length)
            throw new ArgumentException("clean and training labels differ in count");
        Labels = labels;
        CleanLabels = cleanLabels;
        ClassCount = classCount;
        LabelTensor = tensor(labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
    }

    /// <summary>Normalised inputs, [N, ...SampleShape], of a set held in memory; a stored set has none (read batches with <see cref="InputsAt"/>).</summary>
    public Tensor Inputs => _inputs ?? throw new InvalidOperationException("the samples are stored on disk and read a batch at a time: use InputsAt");

    /// <summary>Whether the samples stream from a store rather than sit in memory.</summary>
    public bool IsStored => _stored is not null;

    /// <summary>The labels training uses (noisy when noise was injected or read from a file).</summary>
    public int[] Labels { get; }

    /// <summary>The true labels when known; null for data whose clean labels are unknown.</summary>
    public int[]? CleanLabels { get; }

    public int ClassCount { get; }

    /// <summary><see cref="Labels"/> as an int64 tensor [N].</summary>
    public Tensor LabelTensor { get; }

    public int Count => Labels.Length;

    /// <summary>The inputs of the given rows (an int64 CPU tensor) on <paramref name="device"/>: gathered here (from memory, or read from the store), then moved.</summary>
    public Tensor InputsAt(Tensor rows, Device device) =>
        ComputeDevice.To(_stored is { } stored ? stored.Read(rows) : _inputs!.index_select(0, rows), device);

    /// <summary>The training labels of the given rows on <paramref name="device"/>.</summary>
    public Tensor LabelsAt(Tensor rows, Device device) => ComputeDevice.To(LabelTensor.index_select(0, rows), device);

    public long[] SampleShape { get; private init; } = [];

    /// <summary>
    /// Images: per channel, the normalised value of a black (raw 0) pixel, which augmentation pads
    /// crops with; null for tables and for sets built from tensors without it (crops then pad with 0).
    /// </summary>
    public float[]? BlackPixel { get; init; }

    /// <summary>Whether each sample's training label differs from its clean label (null when clean labels are unknown).</summary>
    public bool[]? NoisyMask => CleanLabels is null ? null : Labels.Select((l, i) => l != CleanLabels[i]).ToArray();

    /// <summary>Fraction of samples whose training label is wrong (0 when clean labels are unknown).</summary>
    public double NoiseRate => CleanLabels is null || Count == 0 ? 0 : Labels.Where((l, i) => l != CleanLabels[i]).Count() / (double)Count;

    public void Dispose()
    {
        _inputs?.Dispose();
        LabelTensor.Dispose();
    }
}
