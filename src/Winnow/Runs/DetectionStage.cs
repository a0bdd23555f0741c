using Winnow.Data;
using Winnow.Detection;
using Winnow.Models;

namespace Winnow.Runs;

/// <summary>The confident-learning part of a detection run: out-of-sample probabilities, then label issues and quality.</summary>
internal static class DetectionStage
{
    public static DetectedLabelIssues LabelIssues(RunSpec spec, DetectionSpec detection, PreparedData data, ModelRecipe model,
        IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        var train = data.Train;
        var probabilities = detection.Probabilities is { } file
            ? ProbabilitiesFile.Read(file, train.Count, train.ClassCount)
            : CrossValidation.Probabilities(spec, data, model, detection.Folds, progress, cancellation);
        var issues = ConfidentLearning.Find(train.Labels, probabilities, train.ClassCount, detection.Filter);
        var quality = LabelQuality.Compute(detection.QualityMethod, train.Labels, probabilities, train.ClassCount);
        return new DetectedLabelIssues(probabilities, detection.Probabilities is null ? detection.Folds : null, issues, detection.QualityMethod, quality);
    }
}
