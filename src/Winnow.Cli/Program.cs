using System.CommandLine;
using System.CommandLine.Help;
using Winnow.Cli.Commands;
using Winnow.Cli.Console;

namespace Winnow.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var parsed = BuildRoot().Parse(args);
        // Ctrl-C and SIGTERM are handled by CommandRunner, which lets a run stop at the next batch.
        if (parsed.Errors.Count == 0) return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
        // One line, like every other user error, instead of the parser's error list plus full help.
        var command = parsed.CommandResult.Command.Name == "winnow" ? "winnow" : $"winnow {parsed.CommandResult.Command.Name}";
        System.Console.Error.WriteLine($"error: {string.Join("; ", parsed.Errors.Select(e => e.Message))} (see '{command} --help')");
        return CommandRunner.UserError;
    }

    /// <summary>The whole command tree (tests invoke it in-process).</summary>
    /// <remarks>
    /// A plain command named "winnow" rather than a RootCommand, whose name is the executable's
    /// ("Winnow.Cli" when run through dotnet); it gets the help and version options a RootCommand has.
    /// </remarks>
    public static Command BuildRoot()
    {
        var root = new Command("winnow",
            "Winnow: data pruning for deep learning that stays robust when labels are noisy.\n" +
            "Train on a dataset with injected or real label noise and record every sample's loss trajectory,\n" +
            "choose a coreset with any of the published scores (winnow methods), and train on it.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PruneCommand.Create());
        root.Subcommands.Add(MethodsCommand.Create());
        root.Subcommands.Add(DetectCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }
}
