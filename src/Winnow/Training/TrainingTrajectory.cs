namespace Winnow.Training;

/// <summary>
/// Every sample's history over the epochs trained so far: loss, whether the prediction matched
/// the training label, and the margin p_y − max_{k≠y} p_k. A sample not trained on in an epoch
/// has NaN loss and margin and correctness −1 there. Forgetting, AUM and AlignPrune's DAS read
/// this; it is written to .npy as [N, epochs].
/// </summary>
public sealed class TrainingTrajectory
{
    private readonly List<float[]> _losses = [];
    private readonly List<sbyte[]> _correct = [];
    private readonly List<float[]> _margins = [];

    public TrainingTrajectory(int sampleCount) => SampleCount = sampleCount;

    public int SampleCount { get; }

    public int Epochs => _losses.Count;

    /// <summary>A trajectory read back from its [SampleCount, epochs] matrices (<see cref="LossMatrix"/> and the others).</summary>
    public static TrainingTrajectory FromMatrices(int sampleCount, int epochs, float[] losses, sbyte[] correct, float[] margins)
    {
        var expected = (long)sampleCount * epochs;
        if (losses.LongLength != expected || correct.LongLength != expected || margins.LongLength != expected)
            throw new WinnowException($"a trajectory of {sampleCount} samples × {epochs} epochs needs {expected} values in each matrix");
        var trajectory = new TrainingTrajectory(sampleCount);
        for (var e = 0; e < epochs; e++)
        {
            var loss = new float[sampleCount];
            var right = new sbyte[sampleCount];
            var margin = new float[sampleCount];
            for (var i = 0; i < sampleCount; i++)
            {
                var at = (long)i * epochs + e;
                loss[i] = losses[at];
                right[i] = correct[at];
                margin[i] = margins[at];
            }
            trajectory._losses.Add(loss);
            trajectory._correct.Add(right);
            trajectory._margins.Add(margin);
        }
        return trajectory;
    }

    /// <summary>Appends one epoch's record; samples outside <paramref name="indices"/> are marked unseen.</summary>
    public void Append(IReadOnlyList<int> indices, float[] losses, bool[] correct, float[] margins)
    {
        var loss = new float[SampleCount];
        var margin = new float[SampleCount];
        var right = new sbyte[SampleCount];
        Array.Fill(loss, float.NaN);
        Array.Fill(margin, float.NaN);
        Array.Fill(right, (sbyte)-1);
        for (var k = 0; k < indices.Count; k++)
        {
            loss[indices[k]] = losses[k];
            margin[indices[k]] = margins[k];
            right[indices[k]] = correct[k] ? (sbyte)1 : (sbyte)0;
        }
        _losses.Add(loss);
        _margins.Add(margin);
        _correct.Add(right);
    }

    /// <summary>Loss of every sample in epoch <paramref name="epoch"/> (NaN where not trained on).</summary>
    public IReadOnlyList<float> LossesAt(int epoch) => _losses[epoch];

    public IReadOnlyList<float> MarginsAt(int epoch) => _margins[epoch];

    /// <summary>1 correct, 0 wrong, −1 not trained on, per sample in that epoch.</summary>
    public IReadOnlyList<sbyte> CorrectAt(int epoch) => _correct[epoch];

    /// <summary>Losses as a row-major [SampleCount, Epochs] matrix.</summary>
    public float[] LossMatrix() => ToMatrix(_losses);

    public float[] MarginMatrix() => ToMatrix(_margins);

    public sbyte[] CorrectMatrix() => ToMatrix(_correct);

    private T[] ToMatrix<T>(List<T[]> perEpoch)
    {
        var epochs = perEpoch.Count;
        var matrix = new T[(long)SampleCount * epochs];
        for (var e = 0; e < epochs; e++)
        {
            var column = perEpoch[e];
            for (var i = 0; i < SampleCount; i++) matrix[(long)i * epochs + e] = column[i];
        }
        return matrix;
    }
}
