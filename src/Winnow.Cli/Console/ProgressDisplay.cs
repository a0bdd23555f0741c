using System.Globalization;
using Spectre.Console;
using Winnow.Runs;

namespace Winnow.Cli.Console;

/// <summary>
/// Shows a run's progress: what data was loaded, then a Spectre.Console bar with ETA per phase
/// (scoring, teacher, training) on an interactive terminal, one plain line per epoch on stderr
/// otherwise (logs, CI, pipes). Results go to stdout, progress to stderr.
/// </summary>
public static class ProgressDisplay
{
    /// <param name="title">Names a phase in bars and lines ("score (el2n)", "train").</param>
    public static T Run<T>(Func<string, string> title, Func<IProgress<RunProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (!console.Profile.Capabilities.Interactive || System.Console.IsErrorRedirected) return work(new PlainProgress(title));
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new BarProgress(context, title)));
    }

    /// <summary>"fashion-mnist: 4000 train / 10000 test samples, 10 classes; noise symmetric 40% …; device cpu".</summary>
    internal static string Describe(Winnow.Data.PreparedData data, string? device) => string.Create(CultureInfo.InvariantCulture,
        $"{data.Source.Name}: {data.Train.Count} train / {data.Test.Count} test samples, {data.Train.ClassCount} classes; noise {data.Noise.Description} (actual rate {data.Noise.ActualRate:F4}){(device is null ? "" : $"; device {device}")}");

    private sealed class PlainProgress(Func<string, string> title) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            if (value.Data is { } data) System.Console.Error.WriteLine(Describe(data, value.Device));
            if (value.Note is { } note) System.Console.Error.WriteLine(note);
            // A line when decoding starts and when it ends: logs stay short.
            if (value.Decoded is { } d && (d.Done == 0 || d.Done == d.Total))
                System.Console.Error.WriteLine($"decoding images into the cache: {d.Done}/{d.Total}");
            if (value.Training?.Finished is { } s)
            {
                var prefix = value.Phase == "training" ? "" : $"{title(value.Phase)}: ";
                System.Console.Error.WriteLine(prefix + EpochLine.Format(s, value.Training.Epochs));
            }
        }
    }

    private sealed class BarProgress(ProgressContext context, Func<string, string> title) : IProgress<RunProgress>
    {
        private ProgressTask? _task;
        private ProgressTask? _decoding;
        private string? _phase;

        public void Report(RunProgress value)
        {
            if (value.Data is { } data) System.Console.Error.WriteLine(Describe(data, value.Device));
            if (value.Note is { } note) System.Console.Error.WriteLine(note);
            if (value.Decoded is { } decoded)
            {
                _decoding ??= context.AddTask("decode images", maxValue: Math.Max(decoded.Total, 1));
                _decoding.Value = decoded.Done;
                if (decoded.Done == decoded.Total) _decoding.StopTask();
                return;
            }
            if (value.Training is not { } training) return;
            if (_task is null || _phase != value.Phase)
            {
                _task?.StopTask();
                _task = context.AddTask(title(value.Phase).EscapeMarkup(), maxValue: training.Epochs);
                _phase = value.Phase;
            }
            if (training.Finished is { } s)
            {
                _task.Value = training.Epoch + 1;
                _task.Description = $"{title(value.Phase)} · {EpochLine.Format(s, training.Epochs)}".EscapeMarkup();
            }
            else if (training.Batches > 0)
            {
                _task.Value = training.Epoch + training.Batch / (double)training.Batches;
            }
        }
    }
}
