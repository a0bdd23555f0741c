using Winnow.Training;

namespace Winnow.Scoring;

/// <summary>
/// Closed-form per-sample gradients of cross-entropy with respect to the last linear layer
/// (weight W [C, d] and bias b [C]): ∂ℓ/∂b = p − y and ∂ℓ/∂W = (p − y) ⊗ h, where h is the
/// penultimate embedding. So ‖g‖² = ‖p − y‖²·(‖h‖² + 1), and the inner product with any
/// gradient (G_W, g_b) is (p − y)ᵀ·G_W·h + (p − y)ᵀ·g_b. One forward pass replaces N backward
/// passes. Per-sample (sum-reduced) losses are used, so the last, smaller batch is not inflated
/// as in DeepCore's mean-reduced version (a quirk).
/// </summary>
public static class LastLayerGradients
{
    /// <summary>p − onehot(y) as [N, C] row-major.</summary>
    public static float[] Residuals(Predictions predictions, IReadOnlyList<int> labels)
    {
        var c = predictions.ClassCount;
        var residual = (float[])predictions.Probabilities.Clone();
        for (var i = 0; i < predictions.Count; i++) residual[i * c + labels[predictions.Indices[i]]] -= 1f;
        return residual;
    }

    /// <summary>‖∇_(W,b) ℓ_i‖₂ for every predicted sample.</summary>
    public static float[] Norms(Predictions predictions, IReadOnlyList<int> labels)
    {
        var residual = Residuals(predictions, labels);
        int c = predictions.ClassCount, d = predictions.EmbeddingSize;
        var norms = new float[predictions.Count];
        for (var i = 0; i < norms.Length; i++)
        {
            double r2 = 0, h2 = 0;
            for (var k = 0; k < c; k++) r2 += residual[i * c + k] * (double)residual[i * c + k];
            for (var j = 0; j < d; j++) h2 += predictions.Embeddings[i * d + j] * (double)predictions.Embeddings[i * d + j];
            norms[i] = (float)Math.Sqrt(r2 * (h2 + 1));
        }
        return norms;
    }

    /// <summary>
    /// For every sample i: ⟨ḡ, g_i⟩ and ‖g_i‖², where ḡ is the mean last-layer gradient over all
    /// the predicted samples (i included).
    /// </summary>
    public static (double[] DotMean, double[] SquaredNorm) AlignmentWithMean(Predictions predictions, IReadOnlyList<int> labels)
    {
        var residual = Residuals(predictions, labels);
        int n = predictions.Count, c = predictions.ClassCount, d = predictions.EmbeddingSize;
        var h = predictions.Embeddings;
        var meanW = new double[c * d];
        var meanB = new double[c];
        for (var i = 0; i < n; i++)
        for (var k = 0; k < c; k++)
        {
            var r = residual[i * c + k];
            if (r == 0) continue;
            meanB[k] += r;
            for (var j = 0; j < d; j++) meanW[k * d + j] += r * h[i * d + j];
        }
        for (var k = 0; k < c; k++) meanB[k] /= n;
        for (var q = 0; q < meanW.Length; q++) meanW[q] /= n;

        var dot = new double[n];
        var squared = new double[n];
        for (var i = 0; i < n; i++)
        {
            double h2 = 0, r2 = 0, sum = 0;
            for (var j = 0; j < d; j++) h2 += h[i * d + j] * (double)h[i * d + j];
            for (var k = 0; k < c; k++)
            {
                var r = (double)residual[i * c + k];
                r2 += r * r;
                var wh = meanB[k];
                for (var j = 0; j < d; j++) wh += meanW[k * d + j] * h[i * d + j];
                sum += r * wh;
            }
            dot[i] = sum;
            squared[i] = r2 * (h2 + 1);
        }
        return (dot, squared);
    }
}
