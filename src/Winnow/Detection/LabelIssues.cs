namespace Winnow.Detection;

/// <summary>
/// What confident learning estimates (<see cref="ConfidentLearning.Find"/>): thresholds, the
/// confident joint before and after calibration (rows the given label, columns the true one),
/// which samples are label issues, and each sample's suggested label (the arg-max class).
/// </summary>
public sealed record LabelIssues(double[] Thresholds, int[,] ConfidentJoint, int[,] CalibratedJoint, bool[] IsIssue, int[] SuggestedLabels)
{
    public int ClassCount => Thresholds.Length;

    public int IssueCount => IsIssue.Count(i => i);

    /// <summary>Q̂(given, true): the calibrated counts over their total.</summary>
    public double[,] Joint
    {
        get
        {
            var total = Math.Max(Cells().Sum(), 1e-100);
            var joint = new double[ClassCount, ClassCount];
            for (var i = 0; i < ClassCount; i++)
                for (var j = 0; j < ClassCount; j++) joint[i, j] = CalibratedJoint[i, j] / total;
            return joint;
        }
    }

    /// <summary>The estimated fraction of wrong labels, 1 − trace of the joint.</summary>
    public double NoiseRate
    {
        get
        {
            var joint = Joint;
            return 1 - Enumerable.Range(0, ClassCount).Sum(k => joint[k, k]);
        }
    }

    /// <summary>Per given class k: the estimated fraction of samples labelled k whose true class is another.</summary>
    public double[] ClassNoiseRates => Enumerable.Range(0, ClassCount).Select(k =>
    {
        var row = Enumerable.Range(0, ClassCount).Sum(j => (double)CalibratedJoint[k, j]);
        return row > 0 ? 1 - CalibratedJoint[k, k] / row : 0;
    }).ToArray();

    private IEnumerable<double> Cells() => CalibratedJoint.Cast<int>().Select(c => (double)c);
}
