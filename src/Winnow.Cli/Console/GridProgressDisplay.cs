using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Winnow.Experiments;

namespace Winnow.Cli.Console;

/// <summary>
/// Shows a grid's progress: on an interactive terminal, one overall bar (runs done of all, ETA
/// from the estimated work) and a bar for the current run's phase (teacher, scoring, training);
/// otherwise plain lines on stderr — a line per run started and finished (with the ETA), one per
/// epoch, and what was shared.
/// </summary>
public static class GridProgressDisplay
{
    public static T Run<T>(Func<IProgress<GridProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (!console.Profile.Capabilities.Interactive || System.Console.IsErrorRedirected) return work(new PlainProgress());
        var failures = new List<string>();
        var result = console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new BarProgress(context, failures)));
        foreach (var line in failures) System.Console.Error.WriteLine(line); // listed once the bars are gone (a finished bar is hidden)
        return result;
    }

    private static string Eta(Stopwatch watch, GridProgress p)
    {
        if (p.WorkDone <= 0 || p.WorkTotal <= 0) return "";
        var left = TimeSpan.FromSeconds(watch.Elapsed.TotalSeconds * (p.WorkTotal - p.WorkDone) / p.WorkDone);
        return string.Create(CultureInfo.InvariantCulture, $", ETA {(int)left.TotalHours}:{left.Minutes:00}:{left.Seconds:00}");
    }

    private sealed class PlainProgress : IProgress<GridProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public void Report(GridProgress p)
        {
            var prefix = $"[{p.Number}/{p.Count}]";
            switch (p.Kind)
            {
                case GridProgressKind.RunStarted:
                    System.Console.Error.WriteLine($"{prefix} {p.Run!.Describe()}");
                    break;
                case GridProgressKind.Training when p.Training?.Finished is { } epoch:
                    System.Console.Error.WriteLine($"  {p.Phase}: {EpochLine.Format(epoch, p.Training.Epochs)}");
                    break;
                case GridProgressKind.Note:
                    System.Console.Error.WriteLine($"  {p.Message}");
                    break;
                case GridProgressKind.RunFailed:
                    System.Console.Error.WriteLine($"{prefix} failed: {p.Message}; the grid goes on");
                    break;
                case GridProgressKind.RunFinished:
                    var m = p.Result!.Metrics;
                    System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{prefix} done: test accuracy {m.TestAccuracy:F4} in {m.WallSeconds:F1}s; {p.WorkDone / Math.Max(1, p.WorkTotal):P0} of the work done{Eta(_watch, p)}"));
                    break;
            }
        }
    }

    private sealed class BarProgress(ProgressContext context, List<string> failures) : IProgress<GridProgress>
    {
        private ProgressTask? _overall;
        private ProgressTask? _phase;

        public void Report(GridProgress p)
        {
            _overall ??= context.AddTask("grid", maxValue: Math.Max(1, p.WorkTotal));
            _overall.Value = Math.Min(p.WorkDone, _overall.MaxValue);
            var done = p.Kind is GridProgressKind.RunFinished or GridProgressKind.RunFailed ? p.Number : p.Number - 1;
            _overall.Description = $"grid · runs done {done}/{p.Count}".EscapeMarkup();
            switch (p.Kind)
            {
                case GridProgressKind.Phase:
                    _phase?.StopTask();
                    _phase = context.AddTask($"{p.Run!.Label} · {p.Phase}".EscapeMarkup(), maxValue: 1);
                    break;
                case GridProgressKind.Training when _phase is not null && p.Training is { } t:
                    var within = t.Finished is not null ? 1 : t.Batches > 0 ? t.Batch / (double)t.Batches : 0;
                    _phase.Value = Math.Min(1, (t.Epoch + within) / Math.Max(1, t.Epochs));
                    _phase.Description = $"{p.Run!.Label} · {p.Phase} · epoch {Math.Min(t.Epoch + 1, t.Epochs)}/{t.Epochs}".EscapeMarkup();
                    break;
                case GridProgressKind.RunFailed:
                    _phase?.StopTask();
                    _phase = null;
                    failures.Add($"failed: {p.Run!.Describe()}: {p.Message}");
                    break;
                case GridProgressKind.RunFinished:
                    _phase?.StopTask();
                    _phase = null;
                    break;
            }
        }
    }
}
