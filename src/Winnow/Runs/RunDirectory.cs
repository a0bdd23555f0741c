using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// The files of a training run in its output folder, each written atomically:
/// metrics.json, epochs.csv, checkpoint/ (model.dat + model.json), and the trajectories
/// trajectory_loss.npy (float32), trajectory_margin.npy (float32), trajectory_correct.npy
/// (int8: 1/0, −1 = not trained on that epoch), each [train size, epochs], plus labels.npy
/// ([train size, 3] int32: row in the original training file, training label, clean label or
/// −1 when unknown).
/// </summary>
public static class RunDirectory
{
    public const string MetricsFile = "metrics.json";
    public const string EpochsFile = "epochs.csv";
    public const string CheckpointFolder = "checkpoint";

    /// <summary>Creates the folder and proves it is writable before any long work starts.</summary>
    public static void Prepare(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot write to output directory {directory}: {e.Message}");
        }
    }

    /// <summary>Writes everything; metrics.json last, so its presence means the run's files are complete.</summary>
    public static void Write(string directory, TrainRunResult run, TrainMetrics metrics)
    {
        Prepare(directory);
        WriteEpochs(Path.Combine(directory, EpochsFile), run.Epochs);
        var train = run.Data.Train;
        var n = train.Count;
        var e = run.Epochs.Count;
        if (run.Trajectory is { } trajectory)
        {
            NpyFile.Write(Path.Combine(directory, "trajectory_loss.npy"), trajectory.LossMatrix(), n, e);
            NpyFile.Write(Path.Combine(directory, "trajectory_margin.npy"), trajectory.MarginMatrix(), n, e);
            NpyFile.Write(Path.Combine(directory, "trajectory_correct.npy"), trajectory.CorrectMatrix(), n, e);
        }
        var labels = new int[n * 3];
        for (var i = 0; i < n; i++)
        {
            labels[3 * i] = run.Data.SourceIndices[i];
            labels[3 * i + 1] = train.Labels[i];
            labels[3 * i + 2] = train.CleanLabels?[i] ?? -1;
        }
        NpyFile.Write(Path.Combine(directory, "labels.npy"), labels, n, 3);
        Checkpoint.Save(Path.Combine(directory, CheckpointFolder), run.Model,
            new Checkpoint(run.ModelName, run.SampleShape, train.ClassCount, e));
        Json.Write(Path.Combine(directory, MetricsFile), metrics);
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
