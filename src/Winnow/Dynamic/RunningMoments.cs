namespace Winnow.Dynamic;

/// <summary>
/// Exponential moving mean and variance of each sample's value: μ ← (1 − α)μ + α·x,
/// σ² ← (1 − α)σ² + α(x − μ_old)². A sample's first value sets μ = x, σ² = 0. NaN = no new value.
/// </summary>
public sealed class RunningMoments(int count, double alpha)
{
    private readonly bool[] _seen = new bool[count];

    public double[] Mean { get; } = new double[count];

    public double[] Variance { get; } = new double[count];

    public bool Started { get; private set; }

    public void Update(float[] values, bool restart = false)
    {
        if (restart) Array.Clear(_seen);
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (float.IsNaN(x)) continue;
            if (!_seen[i])
            {
                _seen[i] = true;
                Mean[i] = x;
                Variance[i] = 0;
                continue;
            }
            var previous = Mean[i];
            Mean[i] = (1 - alpha) * previous + alpha * x;
            Variance[i] = (1 - alpha) * Variance[i] + alpha * (x - previous) * (x - previous);
        }
        Started = true;
    }
}
