namespace Winnow.Learners.DivideMix;

/// <summary>
/// A mixture of two 1-D Gaussians fitted by EM, the way DivideMix's reference code uses
/// scikit-learn's <c>GaussianMixture(n_components=2, max_iter=10, tol=1e-2, reg_covar=5e-4)</c>
/// on min-max normalised per-sample losses: the component with the smaller mean is "clean", and
/// its posterior is each sample's clean probability.
/// <para>
/// The EM steps follow scikit-learn exactly (responsibilities in log space; M-step with
/// n_k + 10·ε; variance + reg_covar; stop when the mean log-likelihood changes by less than the
/// tolerance; posteriors from the parameters of the last M-step). Only the initialisation
/// differs: scikit-learn runs k-means from a random start, Winnow runs 1-D k-means (Lloyd) from
/// the 25th and 75th percentiles, so the same losses always give the same split. In one
/// dimension Lloyd's iterations reach the same two clusters from almost any sensible start.
/// </para>
/// <para>
/// Degenerate data (fewer than two samples, or all values equal up to 1e-12) carries no
/// evidence for two groups: both components are then the same Gaussian and every posterior is
/// exactly 0.5.
/// </para>
/// </summary>
public sealed class TwoComponentGaussianMixture
{
    /// <summary>scikit-learn's guard against empty components: n_k + 10·ε (float64 ε).</summary>
    private const double EmptyGuard = 10 * 2.220446049250313e-16;
    private const int KMeansIterations = 100;

    private TwoComponentGaussianMixture(double[] means, double[] variances, double[] weights, int iterations, bool converged)
    {
        // Index 0 is always the component with the smaller mean.
        var low = means[1] < means[0] ? 1 : 0;
        var high = 1 - low;
        LowMean = means[low];
        HighMean = means[high];
        LowVariance = variances[low];
        HighVariance = variances[high];
        LowWeight = weights[low];
        HighWeight = weights[high];
        Iterations = iterations;
        Converged = converged;
    }

    public double LowMean { get; }
    public double HighMean { get; }
    public double LowVariance { get; }
    public double HighVariance { get; }
    public double LowWeight { get; }
    public double HighWeight { get; }

    /// <summary>EM iterations run (0 for degenerate data).</summary>
    public int Iterations { get; }

    /// <summary>Whether the log-likelihood settled within the tolerance before the iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>Fits the mixture; defaults are DivideMix's.</summary>
    public static TwoComponentGaussianMixture Fit(IReadOnlyList<double> values, int maxIterations = 10,
        double tolerance = 1e-2, double regularisation = 5e-4)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations));
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance));
        if (!(regularisation >= 0)) throw new ArgumentOutOfRangeException(nameof(regularisation));
        var x = values.ToArray();
        if (x.Any(v => !double.IsFinite(v))) throw new ArgumentException("values must be finite", nameof(values));

        var n = x.Length;
        if (n < 2 || x.Max() - x.Min() <= 1e-12)
        {
            var mean = n == 0 ? 0 : x.Average();
            var variance = x.Sum(v => (v - mean) * (v - mean)) / Math.Max(n, 1) + regularisation;
            return new TwoComponentGaussianMixture([mean, mean], [variance, variance], [0.5, 0.5], 0, true);
        }

        // Initialisation: hard k-means responsibilities, then one M-step (scikit-learn's _initialize).
        var centres = InitialCentres(x);
        var responsibilities = new double[n, 2];
        var hard = KMeans(x, centres);
        for (var i = 0; i < n; i++) responsibilities[i, hard[i]] = 1;
        var means = new double[2];
        var variances = new double[2];
        var weights = new double[2];
        MStep(x, responsibilities, regularisation, means, variances, weights);

        var lowerBound = double.NegativeInfinity;
        var converged = false;
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var previous = lowerBound;
            lowerBound = EStep(x, means, variances, weights, responsibilities);
            MStep(x, responsibilities, regularisation, means, variances, weights);
            if (Math.Abs(lowerBound - previous) < tolerance)
            {
                converged = true;
                break;
            }
        }
        return new TwoComponentGaussianMixture(means, variances, weights, iterations, converged);
    }

    /// <summary>Posterior probability that <paramref name="value"/> came from the smaller-mean component.</summary>
    public double LowComponentProbability(double value)
    {
        var logLow = Math.Log(LowWeight) + LogDensity(value, LowMean, LowVariance);
        var logHigh = Math.Log(HighWeight) + LogDensity(value, HighMean, HighVariance);
        // Logistic of the log-odds: stable for any magnitude.
        return 1 / (1 + Math.Exp(logHigh - logLow));
    }

    /// <summary><see cref="LowComponentProbability"/> of every value, in order.</summary>
    public double[] LowComponentProbabilities(IReadOnlyList<double> values) =>
        values.Select(LowComponentProbability).ToArray();

    /// <summary>
    /// DivideMix's clean probabilities: min-max normalise the losses, fit the mixture, return
    /// each sample's posterior of the smaller-mean component. All-equal losses give 0.5 each
    /// (the reference code would divide by zero).
    /// </summary>
    public static double[] CleanProbabilities(IReadOnlyList<float> losses, int maxIterations = 10,
        double tolerance = 1e-2, double regularisation = 5e-4)
    {
        var normalised = MinMaxNormalise(losses);
        return Fit(normalised, maxIterations, tolerance, regularisation).LowComponentProbabilities(normalised);
    }

    /// <summary>(x − min) / (max − min); all zeros when every value is the same.</summary>
    public static double[] MinMaxNormalise(IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return [];
        double min = values.Min(), max = values.Max();
        var range = max - min;
        return values.Select(v => range > 0 ? (v - min) / range : 0).ToArray();
    }

    private static double LogDensity(double x, double mean, double variance) =>
        -0.5 * (Math.Log(2 * Math.PI) + Math.Log(variance) + (x - mean) * (x - mean) / variance);

    private static double[] InitialCentres(double[] x)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        return [Quantile(sorted, 0.25), Quantile(sorted, 0.75)];
    }

    /// <summary>Linear-interpolation quantile of sorted data (numpy's default).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>1-D Lloyd's k-means with two centres; ties go to the first centre.</summary>
    private static int[] KMeans(double[] x, double[] centres)
    {
        var assignment = new int[x.Length];
        for (var iteration = 0; iteration < KMeansIterations; iteration++)
        {
            var changed = iteration == 0;
            for (var i = 0; i < x.Length; i++)
            {
                var k = Math.Abs(x[i] - centres[1]) < Math.Abs(x[i] - centres[0]) ? 1 : 0;
                if (k == assignment[i]) continue;
                assignment[i] = k;
                changed = true;
            }
            if (!changed) break;
            for (var k = 0; k < 2; k++)
            {
                var members = x.Where((_, i) => assignment[i] == k).ToArray();
                if (members.Length > 0) centres[k] = members.Average();
            }
        }
        return assignment;
    }

    private static void MStep(double[] x, double[,] responsibilities, double regularisation,
        double[] means, double[] variances, double[] weights)
    {
        var n = x.Length;
        for (var k = 0; k < 2; k++)
        {
            var nk = EmptyGuard;
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                nk += responsibilities[i, k];
                sum += responsibilities[i, k] * x[i];
            }
            var mean = sum / nk;
            var spread = 0.0;
            for (var i = 0; i < n; i++) spread += responsibilities[i, k] * (x[i] - mean) * (x[i] - mean);
            means[k] = mean;
            variances[k] = spread / nk + regularisation;
            weights[k] = nk;
        }
        var total = weights[0] + weights[1];
        weights[0] /= total;
        weights[1] /= total;
    }

    /// <summary>Fills the responsibilities and returns the mean log-likelihood per sample.</summary>
    private static double EStep(double[] x, double[] means, double[] variances, double[] weights, double[,] responsibilities)
    {
        var total = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var a = Math.Log(weights[0]) + LogDensity(x[i], means[0], variances[0]);
            var b = Math.Log(weights[1]) + LogDensity(x[i], means[1], variances[1]);
            var top = Math.Max(a, b);
            var logNorm = top + Math.Log(Math.Exp(a - top) + Math.Exp(b - top));
            responsibilities[i, 0] = Math.Exp(a - logNorm);
            responsibilities[i, 1] = Math.Exp(b - logNorm);
            total += logNorm;
        }
        return total / x.Length;
    }
}
