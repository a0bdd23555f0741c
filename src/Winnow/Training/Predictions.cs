namespace Winnow.Training;

/// <summary>
/// A model's outputs for a list of samples, as row-major plain arrays so that scoring formulas
/// can be written and tested without tensors: logits and probabilities [Count, ClassCount],
/// penultimate embeddings [Count, EmbeddingSize].
/// </summary>
public sealed record Predictions(int[] Indices, int ClassCount, int EmbeddingSize, float[] Logits, float[] Probabilities, float[] Embeddings)
{
    public int Count => Indices.Length;

    public ReadOnlySpan<float> ProbabilitiesOf(int row) => Probabilities.AsSpan(row * ClassCount, ClassCount);

    public ReadOnlySpan<float> EmbeddingOf(int row) => Embeddings.AsSpan(row * EmbeddingSize, EmbeddingSize);

    /// <summary>The arg-max class of each row.</summary>
    public int[] PredictedClasses()
    {
        var result = new int[Count];
        for (var r = 0; r < Count; r++)
        {
            var p = ProbabilitiesOf(r);
            var best = 0;
            for (var c = 1; c < ClassCount; c++) if (p[c] > p[best]) best = c;
            result[r] = best;
        }
        return result;
    }
}
