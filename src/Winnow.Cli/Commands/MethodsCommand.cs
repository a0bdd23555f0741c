using System.CommandLine;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Models;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>
/// `winnow methods`: every registered model, static pruning method, dynamic pruner, signal and
/// learner with its one-line description (plain text, so it pipes).
/// </summary>
public static class MethodsCommand
{
    public static Command Create()
    {
        var command = new Command("methods", "List every model, static pruning method, dynamic pruner, signal and learner with a one-line description");
        command.SetAction(_ =>
        {
            Section("static pruning methods (prune --method)", CoresetMethods.All, CoresetMethods.BalanceNote);
            Section("dynamic pruners (train --dynamic)", DynamicPruners.All);
            Section("signals a dynamic pruner ranks by (train --signal; --align = das)", SampleSignals.All);
            Section("learners (--learner)", LearnerCatalog.All);
            Section("models (--model)", ModelCatalog.All);
            return 0;
        });
        return command;
    }

    private static void Section<T>(string title, Registry<T> registry, string? note = null) where T : IRegistered
    {
        var width = registry.Max(e => e.Name.Length) + 2;
        System.Console.WriteLine($"{title}:");
        foreach (var entry in registry) System.Console.WriteLine($"  {entry.Name.PadRight(width)}{entry.Description}");
        if (note is not null) System.Console.WriteLine($"  {note}");
        System.Console.WriteLine();
    }
}
