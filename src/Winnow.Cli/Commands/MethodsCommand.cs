using System.CommandLine;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>`winnow methods`: every pruning method with a one-line description (plain text, so it pipes).</summary>
public static class MethodsCommand
{
    public static Command Create()
    {
        var command = new Command("methods", "List every static pruning method with a one-line description");
        command.SetAction(_ =>
        {
            var width = CoresetMethods.All.Max(m => m.Name.Length) + 2;
            foreach (var method in CoresetMethods.All) System.Console.WriteLine($"{method.Name.PadRight(width)}{method.Description}");
            return 0;
        });
        return command;
    }
}
