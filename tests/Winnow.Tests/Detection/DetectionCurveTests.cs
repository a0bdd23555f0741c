using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Training;

namespace Winnow.Tests.Detection;

public class DetectionCurveTests
{
    private static EpochSummary Epoch(int epoch, double lr, int samples) => new(epoch, lr, samples, 0, 0, null, null, 0);

    /// <summary>4 samples, 2 and 3 noisy, reference {0}, window 2; sample 3 is not trained in epoch 2.</summary>
    private static (TrainingTrajectory Trajectory, EpochSummary[] Epochs) HandMade()
    {
        var trajectory = new TrainingTrajectory(4);
        trajectory.Append([0, 1, 2, 3], [2, 2, 3, 1], new bool[4], new float[4]);
        trajectory.Append([0, 1, 2], [1, 1, 3], new bool[3], new float[3]);
        trajectory.Append([0, 1, 2, 3], [0.5f, 0.4f, 2, 1], new bool[4], new float[4]);
        return (trajectory, [Epoch(0, 0.1, 4), Epoch(1, 0.05, 3), Epoch(2, 0.01, 4)]);
    }

    private static readonly bool[] Noisy = [false, false, true, true];

    [Fact]
    public void EveryEpochByHand()
    {
        var (trajectory, epochs) = HandMade();
        var curve = DetectionCurve.Compute(trajectory, Noisy, epochs, [0], window: 2);
        // Epoch 1: one epoch, no DAS. Last = mean = [2, 2, 3, 1]: 3 beats both clean, 1 neither → 2/4.
        Assert.Equal(new DetectionPoint(1, 0.1, null, 0.5, 0.5, false), curve[0]);
        // Epoch 2: sample 3 keeps its last loss 1: last [1, 1, 3, 1] → (2 + 2·½)/4; mean [1.5, 1.5, 3, 1] → 2/4.
        // Reference mean 2, 1. DAS: samples 0 and 1 fall with it (+1), 2 is flat (0), 3 has one loss (0);
        // −DAS [−1, −1, 0, 0]: both noisy above both clean → 1.
        Assert.Equal(new DetectionPoint(2, 0.05, 1.0, 0.75, 0.5, true), curve[1]);
        // Epoch 3: last [0.5, 0.4, 2, 1] → 1; mean [7/6, 3.4/3, 8/3, 1] → 2/4.
        // Reference mean 1, 0.5 over the last two epochs: 0, 1, 2 fall with it (+1); sample 3's bank is
        // epochs 1 and 3 (1, 1 against 2, 0.5), flat → 0. −DAS [−1, −1, −1, 0] → (2·½ + 2)/4.
        Assert.Equal(new DetectionPoint(3, 0.01, 0.75, 1.0, 0.5, false), curve[2]);
    }

    [Fact]
    public void TheCurveRoundTripsThroughTheRecordsJson()
    {
        // metrics.json and results.jsonl hold the record: the curve must read back as written.
        var (trajectory, epochs) = HandMade();
        var record = new Winnow.Runs.RunRecord
        {
            Dataset = "d", TrainSize = 4, TestSize = 1, Noise = "symmetric:0.5", NoiseRate = 0.5, Seed = 0, Model = "mlp", Learner = "ce",
            Device = "cpu", Epochs = 3, BatchSize = 2, LearningRate = 0.1,
            DetectionCurve = DetectionCurve.Compute(trajectory, Noisy, epochs, [0], window: 2),
        };
        var json = Winnow.Output.Json.Serialize(record);
        Assert.Contains("\"detection_curve\": [", json);
        Assert.Contains("\"auroc_mean_loss\": 0.5", json);
        Assert.Contains("\"pruning_active\": true", json);
        var back = System.Text.Json.JsonSerializer.Deserialize<Winnow.Runs.RunRecord>(json, Winnow.Output.Json.Options)!;
        Assert.Equal(record.DetectionCurve, back.DetectionCurve);
    }

    [Fact]
    public void WithoutAReferenceDasIsNull()
    {
        var (trajectory, epochs) = HandMade();
        var curve = DetectionCurve.Compute(trajectory, Noisy, epochs, null, window: 2);
        Assert.All(curve, p => Assert.Null(p.AurocDas));
        Assert.Equal([0.5, 0.75, 1.0], curve.Select(p => p.AurocLoss!.Value));
    }

    [Fact]
    public void NeverTrainedSamplesTakeTheMeanOfTheKnownOnes()
    {
        // Epoch 1 trains only 0 and 2 (losses 1 and 3): 1 and 3 take the mean 2, tying each other.
        var trajectory = new TrainingTrajectory(4);
        trajectory.Append([0, 2], [1, 3], new bool[2], new float[2]);
        var curve = DetectionCurve.Compute(trajectory, Noisy, [Epoch(0, 0.1, 2)], [0], window: 2);
        // Noisy 3 and 2 against clean 1 and 2: 3 > 1, 3 > 2, 2 > 1, 2 = 2 → 3.5/4.
        Assert.Equal(0.875, curve[0].AurocLoss);
        Assert.True(curve[0].PruningActive);
    }

    [Fact]
    public void ItsDasIsTheDasTheSignalPrunesBy()
    {
        // A pruned trajectory (each epoch a random half plus the reference): the curve's last DAS
        // AUROC equals that of AlignmentSignal's own scores after the same epochs.
        const int n = 60, epochs = 7, window = 3;
        var random = new Random(5);
        var noisy = Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray();
        int[] reference = [1, 4, 7, 10];
        var signal = new AlignmentSignal(n, reference, window);
        var trajectory = new TrainingTrajectory(n);
        var summaries = new List<EpochSummary>();
        for (var e = 0; e < epochs; e++)
        {
            var plan = new EpochPlan(Enumerable.Range(0, n).Where(i => reference.Contains(i) || random.NextDouble() < 0.5).ToArray());
            var losses = plan.Indices.Select(i => (float)((noisy[i] ? 2.0 : 2.0 * Math.Exp(-0.5 * e)) + 0.1 * random.NextDouble())).ToArray();
            signal.Update(e, plan, new EpochResult(e, 0.1, losses, new bool[plan.Count], new float[plan.Count], 0, 0, plan.Count, plan.Count, 0));
            trajectory.Append(plan.Indices, losses, new bool[plan.Count], new float[plan.Count]);
            summaries.Add(Epoch(e, 0.1, plan.Count));
        }
        var curve = DetectionCurve.Compute(trajectory, noisy, summaries, reference, window);
        var expected = Winnow.Metrics.Auroc.Compute(signal.Scores().Select(s => -s).ToArray(), noisy);
        Assert.Equal(expected, curve[^1].AurocDas);
        Assert.True(expected > 0.7, $"{expected}"); // DAS sees the flat noisy losses
    }
}
