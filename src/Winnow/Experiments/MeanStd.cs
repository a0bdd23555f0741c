namespace Winnow.Experiments;

/// <summary>Mean and sample standard deviation (n − 1; 0 for one value) of a metric over seeds.</summary>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Null when no value is given (nulls, i.e. "does not apply", are skipped).</summary>
    public static MeanStd? Of(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToArray();
        if (present.Length == 0) return null;
        var mean = present.Average();
        var std = present.Length < 2 ? 0 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
        return new MeanStd(mean, std, present.Length);
    }
}
