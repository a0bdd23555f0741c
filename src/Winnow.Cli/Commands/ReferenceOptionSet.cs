using System.CommandLine;
using Winnow.Data;
using Winnow.Dynamic;

namespace Winnow.Cli.Commands;

/// <summary>AlignPrune's trusted reference set and DAS window, shared by `train --align` and `detect`.</summary>
public sealed class ReferenceOptionSet
{
    public Option<string?> Reference { get; } = new("--reference")
    {
        Description = "AlignPrune: file of trusted training-sample indices, one a line",
    };

    public Option<double?> ReferenceSize { get; } = new("--reference-size")
    {
        Description = "AlignPrune: draw this fraction of the training set from samples known to be clean (injected noise only; the paper: 0.01)",
    };

    public Option<int> DasWindow { get; } = new("--das-window")
    {
        Description = "AlignPrune: epochs of loss trajectory compared (N); the loss is used before N epochs exist",
        DefaultValueFactory = _ => AlignmentSignal.DefaultWindow,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Reference, ReferenceSize, DasWindow }) command.Options.Add(option);
    }

    public bool Given(ParseResult result) => result.GetValue(Reference) is not null || result.GetValue(ReferenceSize) is not null;

    /// <summary>Checks the combination before any data is loaded.</summary>
    public void Validate(ParseResult result)
    {
        if (result.GetValue(Reference) is not null && result.GetValue(ReferenceSize) is not null)
            throw new WinnowException("give either --reference or --reference-size, not both");
        if (result.GetValue(DasWindow) < 2)
            throw new WinnowException($"--das-window must be at least 2 epochs (got {result.GetValue(DasWindow)})");
    }

    /// <summary>The trusted indices, or null when neither option was given.</summary>
    public int[]? Resolve(ParseResult result, PreparedData data, bool noiseInjected, int seed) =>
        result.GetValue(Reference) is { } file ? ReferenceSet.FromFile(file, data.Train.Count)
        : result.GetValue(ReferenceSize) is { } size ? ReferenceSet.FromCleanSamples(data.Train, size, noiseInjected, Seeds.Derive(seed, "reference-set"))
        : null;
}
