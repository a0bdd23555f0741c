using System.Globalization;
using Winnow.Training;

namespace Winnow.Cli.Console;

/// <summary>The one-line text of a finished epoch, shared by the plain log and the progress bar.</summary>
public static class EpochLine
{
    public static string Format(EpochSummary s, int epochs)
    {
        var test = s.TestAccuracy is { } t ? string.Create(CultureInfo.InvariantCulture, $" test_acc {t:F4}") : "";
        var noisy = s.NoisyTrainedOn is { } n ? $" noisy {n}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {s.Epoch + 1}/{epochs} lr {s.LearningRate:G3} samples {s.Samples}{noisy} loss {s.TrainLoss:F4} train_acc {s.TrainAccuracy:F4}{test} {s.Seconds:F1}s");
    }
}
