using System.CommandLine;
using Winnow.Cli.Commands;
using Winnow.Cli.Console;

namespace Winnow.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var parsed = BuildRoot().Parse(args);
        if (parsed.Errors.Count == 0) return parsed.Invoke();
        // One line, like every other user error, instead of the parser's error list plus full help.
        var command = string.Join(' ', parsed.CommandResult.Command.Name == parsed.RootCommandResult.Command.Name
            ? ["winnow"] : ["winnow", parsed.CommandResult.Command.Name]);
        System.Console.Error.WriteLine($"error: {string.Join("; ", parsed.Errors.Select(e => e.Message))} (see '{command} --help')");
        return CommandRunner.UserError;
    }

    /// <summary>The whole command tree (tests invoke it in-process).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Winnow: data pruning for deep learning that stays robust when labels are noisy.\n" +
            "Train on a dataset with injected or real label noise, record every sample's loss trajectory,\n" +
            "and (in later commands) choose coresets or prune dynamically.");
        root.Subcommands.Add(TrainCommand.Create());
        return root;
    }
}
