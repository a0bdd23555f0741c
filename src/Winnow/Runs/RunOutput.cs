using Winnow.Detection;
using Winnow.Output;

namespace Winnow.Runs;

/// <summary>
/// Writes a finished run's folder whole (<see cref="OutputFolder"/>): spec.json (what ran), classes.json, and by
/// kind the selection files (<see cref="PruneOutput"/>), the detection files
/// (<see cref="DetectionOutput"/>) and the training files (<see cref="TrainingOutput"/>) — in the
/// folder itself for a plain training run, in train/ beside a selection or a detection.
/// </summary>
public static class RunOutput
{
    public const string SpecFile = "spec.json";

    /// <summary>The class names in label order (label k is the k-th name).</summary>
    public const string ClassesFile = "classes.json";

    /// <summary>Image folders with skipping on: the images that could not be read, one a line.</summary>
    public const string SkippedFile = "skipped_images.txt";
    public const string TrainingFolder = "train";

    public static void Write(string directory, RunResult run, bool overwrite) => OutputFolder.Write(directory, overwrite, folder =>
    {
        Json.Write(Path.Combine(folder, SpecFile), run.Spec.ToJson());
        Json.Write(Path.Combine(folder, ClassesFile), run.Data.Source.ClassNames);
        if (run.Data.Source.SkippedFiles.Count > 0)
            AtomicFile.WriteAllText(Path.Combine(folder, SkippedFile), string.Concat(run.Data.Source.SkippedFiles.Select(f => f + "\n")));
        var beside = run.Selection is not null || run.DetectionScores is not null;
        if (run.Trainer is not null) TrainingOutput.Write(beside ? Path.Combine(folder, TrainingFolder) : folder, run);
        if (run.Selection is not null) PruneOutput.Write(folder, run);
        if (run.DetectionScores is not null) DetectionOutput.Write(folder, run);
    });

    /// <summary>Where the run's metrics.json lands under <paramref name="directory"/>.</summary>
    public static string MetricsPath(string directory, RunResult run) =>
        Path.Combine(run.Selection is not null || run.DetectionScores is not null ? Path.Combine(directory, TrainingFolder) : directory, TrainingOutput.MetricsFile);
}
