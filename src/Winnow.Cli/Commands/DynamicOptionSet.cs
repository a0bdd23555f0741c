using System.CommandLine;
using Winnow.Data;
using Winnow.Dynamic;

namespace Winnow.Cli.Commands;

/// <summary>The dynamic-pruning and AlignPrune options of `winnow train`.</summary>
public sealed class DynamicOptionSet
{
    public Option<string> Dynamic { get; } = new("--dynamic")
    {
        Description = $"Dynamic pruning: {string.Join(" | ", DynamicPruners.Names)}",
        DefaultValueFactory = _ => "none",
    };

    public Option<double> PruneRatio { get; } = new("--prune-ratio")
    {
        Description = "Prune ratio r in [0, 1): infobatch drops r of the below-mean samples; uniform, ucb, epsilon-greedy drop r of all",
        DefaultValueFactory = _ => new DynamicOptions().PruneRatio,
    };

    public Option<bool> Align { get; } = new("--align")
    {
        Description = "AlignPrune: rank by the Dynamic Alignment Score (Pearson of each loss trajectory with the trusted reference set's) instead of the loss",
    };

    public ReferenceOptionSet ReferenceOptions { get; } = new();

    public Option<bool> NoReweight { get; } = new("--no-reweight")
    {
        Description = "infobatch: keep the surviving below-mean samples at weight 1 instead of 1/(1 − r)",
    };

    public Option<double> Anneal { get; } = new("--anneal")
    {
        Description = "infobatch: train on all data from epoch ⌊δ·E⌋ on",
        DefaultValueFactory = _ => new DynamicOptions().Anneal,
    };

    public Option<double> EmaAlpha { get; } = new("--ema-alpha")
    {
        Description = "ucb, epsilon-greedy: weight of the newest value in the running means",
        DefaultValueFactory = _ => new DynamicOptions().EmaAlpha,
    };

    public Option<double> UcbC { get; } = new("--ucb-c")
    {
        Description = "ucb: weight c of the running variance in mean + c·variance",
        DefaultValueFactory = _ => new DynamicOptions().UcbC,
    };

    public Option<double> Epsilon { get; } = new("--epsilon")
    {
        Description = "epsilon-greedy: fraction of the kept budget drawn at random",
        DefaultValueFactory = _ => new DynamicOptions().Epsilon,
    };

    public Option<int> ReselectEvery { get; } = new("--reselect-every")
    {
        Description = "ucb, epsilon-greedy: re-select every k epochs",
        DefaultValueFactory = _ => new DynamicOptions().ReselectEvery,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Dynamic, PruneRatio, Align }) command.Options.Add(option);
        ReferenceOptions.AddTo(command);
        foreach (var option in new Option[] { NoReweight, Anneal, EmaAlpha, UcbC, Epsilon, ReselectEvery }) command.Options.Add(option);
    }

    /// <summary>Checks what can be checked before any data is loaded.</summary>
    public DynamicOptions ReadOptions(ParseResult result, int seed)
    {
        var options = new DynamicOptions
        {
            PruneRatio = result.GetValue(PruneRatio),
            Anneal = result.GetValue(Anneal),
            EmaAlpha = result.GetValue(EmaAlpha),
            UcbC = result.GetValue(UcbC),
            Epsilon = result.GetValue(Epsilon),
            ReselectEvery = result.GetValue(ReselectEvery),
            Seed = seed,
        };
        options.Validate();
        DynamicPruners.Create(result.GetValue(Dynamic)!, 1, options);
        var align = result.GetValue(Align);
        if (align && !ReferenceOptions.Given(result))
            throw new WinnowException("--align needs a trusted reference set: give --reference FILE or --reference-size P");
        if (!align && ReferenceOptions.Given(result))
            throw new WinnowException("--reference and --reference-size only apply with --align");
        ReferenceOptions.Validate(result);
        return options;
    }

    /// <summary>The pruner for the loaded data (null for --dynamic none), with AlignPrune's signal when asked.</summary>
    public DynamicPruner? Build(ParseResult result, DynamicOptions options, PreparedData data, bool noiseInjected)
    {
        ISampleSignal? signal = null;
        if (result.GetValue(Align))
        {
            var reference = ReferenceOptions.Resolve(result, data, noiseInjected, options.Seed)!;
            signal = new AlignmentSignal(data.Train.Count, reference, result.GetValue(ReferenceOptions.DasWindow));
        }
        var pruner = DynamicPruners.Create(result.GetValue(Dynamic)!, data.Train.Count, options, signal, reweight: !result.GetValue(NoReweight));
        if (pruner is null && signal is not null) throw new WinnowException("--align ranks samples for a dynamic pruner: give --dynamic uniform|infobatch|ucb|epsilon-greedy");
        return pruner;
    }
}
