using Spectre.Console;
using Winnow.Training;

namespace Winnow.Cli.Console;

/// <summary>
/// Shows training progress: a Spectre.Console bar with ETA on an interactive terminal, one plain
/// line per epoch on stderr otherwise (logs, CI, pipes). Results go to stdout, progress to stderr.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(string title, Func<IProgress<TrainingProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (!console.Profile.Capabilities.Interactive || System.Console.IsErrorRedirected)
        {
            return work(new PlainProgress());
        }
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new BarProgress(context, title)));
    }

    private sealed class PlainProgress : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Finished is { } s) System.Console.Error.WriteLine(EpochLine.Format(s, value.Epochs));
        }
    }

    private sealed class BarProgress(ProgressContext context, string title) : IProgress<TrainingProgress>
    {
        private ProgressTask? _task;

        public void Report(TrainingProgress value)
        {
            _task ??= context.AddTask(title, maxValue: value.Epochs);
            if (value.Finished is { } s)
            {
                _task.Value = value.Epoch + 1;
                _task.Description = $"{title} · {EpochLine.Format(s, value.Epochs).EscapeMarkup()}";
            }
            else if (value.Batches > 0)
            {
                _task.Value = value.Epoch + value.Batch / (double)value.Batches;
            }
        }
    }
}
