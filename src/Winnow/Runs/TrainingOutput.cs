using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// The files of a training run in its folder: metrics.json (the <see cref="RunRecord"/>),
/// epochs.csv, checkpoint/ (model.dat + model.json), the trajectories trajectory_loss.npy
/// (float32), trajectory_margin.npy (float32), trajectory_correct.npy (int8: 1/0, −1 = not
/// trained on that epoch), each [train size, epochs], and labels.npy ([train size, 3] int32: row
/// in the original training file, training label, clean label or −1 when unknown).
/// </summary>
public static class TrainingOutput
{
    public const string MetricsFile = "metrics.json";
    public const string EpochsFile = "epochs.csv";
    public const string CheckpointFolder = "checkpoint";

    public static void Write(string directory, RunResult run)
    {
        Directory.CreateDirectory(directory);
        WriteEpochs(Path.Combine(directory, EpochsFile), run.Epochs);
        var train = run.Data.Train;
        var n = train.Count;
        var e = run.Epochs.Count;
        if (run.Trainer?.Trajectory is { } trajectory)
        {
            NpyFile.Write(Path.Combine(directory, "trajectory_loss.npy"), trajectory.LossMatrix(), n, e);
            NpyFile.Write(Path.Combine(directory, "trajectory_margin.npy"), trajectory.MarginMatrix(), n, e);
            NpyFile.Write(Path.Combine(directory, "trajectory_correct.npy"), trajectory.CorrectMatrix(), n, e);
        }
        WriteLabels(Path.Combine(directory, "labels.npy"), run);
        run.SaveCheckpoint(Path.Combine(directory, CheckpointFolder));
        Json.Write(Path.Combine(directory, MetricsFile), run.Record);
    }

    /// <summary>labels.npy: [train size, 3] int32 — source row, training label, clean label (−1 when unknown).</summary>
    public static void WriteLabels(string path, RunResult run)
    {
        var train = run.Data.Train;
        var labels = new int[train.Count * 3];
        for (var i = 0; i < train.Count; i++)
        {
            labels[3 * i] = run.Data.SourceIndices[i];
            labels[3 * i + 1] = train.Labels[i];
            labels[3 * i + 2] = train.CleanLabels?[i] ?? -1;
        }
        NpyFile.Write(path, labels, train.Count, 3);
    }

    private static void WriteEpochs(string path, IReadOnlyList<EpochSummary> epochs)
    {
        var csv = new StringBuilder("epoch,learning_rate,samples,train_loss,train_accuracy,test_accuracy,noisy_trained_on,seconds\n");
        foreach (var s in epochs)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{s.Epoch + 1},{s.LearningRate:G6},{s.Samples},{s.TrainLoss:G6},{s.TrainAccuracy:G6},{s.TestAccuracy?.ToString("G6", CultureInfo.InvariantCulture)},{s.NoisyTrainedOn},{s.Seconds:F3}\n");
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
