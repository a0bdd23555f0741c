using System.CommandLine;
using Winnow.Scoring;

namespace Winnow.Cli.Commands;

/// <summary>The coreset options of `winnow prune`: scoring budget, balance and each method's knobs.</summary>
public sealed class MethodOptionSet
{
    public Option<string> Method { get; } = new("--method")
    {
        Description = $"Pruning method: {string.Join(" | ", CoresetMethods.Names)} (see 'winnow methods')",
        Required = true,
    };

    public Option<double> Fraction { get; } = new("--fraction")
    {
        Description = "Kept fraction f in (0, 1]: round(N·f) samples are kept",
        Required = true,
    };

    public Option<bool> Balance { get; } = new("--balance")
    {
        Description = "Keep the same fraction of every class (by training label); on by default for moso and prune4rel",
    };

    public Option<bool> NoBalance { get; } = new("--no-balance")
    {
        Description = "Rank all classes together, also for moso and prune4rel",
    };

    public Option<int> ScoreEpochs { get; } = new("--score-epochs")
    {
        Description = "Epochs of the surrogate training run that scores are read from",
        DefaultValueFactory = _ => new CoresetOptions().ScoreEpochs,
    };

    public Option<int> Repeats { get; } = new("--repeats")
    {
        Description = "Independently seeded surrogate runs whose scores are averaged (EL2N/GraNd reference: 10)",
        DefaultValueFactory = _ => new CoresetOptions().Repeats,
    };

    public Option<string> Gradients { get; } = new("--gradients")
    {
        Description = "grand, moso: last-layer (closed form, default) | full (autograd per sample, slow)",
        DefaultValueFactory = _ => "last-layer",
    };

    public Option<double> MisRatio { get; } = new("--mis-ratio")
    {
        Description = "ccs: fraction of the hardest samples dropped before stratifying",
        DefaultValueFactory = _ => new CoresetOptions().MisRatio,
    };

    public Option<string> CcsScore { get; } = new("--ccs-score")
    {
        Description = "ccs: difficulty score to stratify: aum | el2n | forgetting",
        DefaultValueFactory = _ => new CoresetOptions().CcsScore,
    };

    public Option<int> Strata { get; } = new("--strata")
    {
        Description = "ccs: number of equal-width strata",
        DefaultValueFactory = _ => new CoresetOptions().Strata,
    };

    public Option<double> Tau { get; } = new("--tau")
    {
        Description = "prune4rel: similarity threshold τ (0.975 CIFAR-10, 0.95 CIFAR-100, 0.8 Clothing-1M)",
        DefaultValueFactory = _ => new CoresetOptions().Tau,
    };

    public Option<double> Eta { get; } = new("--eta")
    {
        Description = "prune4rel: η in tanh(NC/η)",
        DefaultValueFactory = _ => new CoresetOptions().Eta,
    };

    public Option<string> Confidence { get; } = new("--confidence")
    {
        Description = "prune4rel: least-confidence (max probability) | margin",
        DefaultValueFactory = _ => "least-confidence",
    };

    public Option<string> Greedy { get; } = new("--greedy")
    {
        Description = "prune4rel: own (candidate's own term, as the reference) | marginal (full marginal gain, lazy greedy)",
        DefaultValueFactory = _ => "own",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Method, Fraction, Balance, NoBalance, ScoreEpochs, Repeats, Gradients, MisRatio, CcsScore, Strata, Tau, Eta, Confidence, Greedy })
            command.Options.Add(option);
    }

    public CoresetOptions Read(ParseResult result, int seed)
    {
        var balance = result.GetValue(Balance);
        var noBalance = result.GetValue(NoBalance);
        if (balance && noBalance) throw new WinnowException("--balance and --no-balance contradict each other");
        var options = new CoresetOptions
        {
            ScoreEpochs = result.GetValue(ScoreEpochs),
            Repeats = result.GetValue(Repeats),
            Balance = balance ? true : noBalance ? false : null,
            Seed = seed,
            Gradients = result.GetValue(Gradients) switch
            {
                "last-layer" => GradientKind.LastLayer,
                "full" => GradientKind.Full,
                var other => throw new WinnowException($"--gradients '{other}' is not one of last-layer, full"),
            },
            MisRatio = result.GetValue(MisRatio),
            CcsScore = result.GetValue(CcsScore)!,
            Strata = result.GetValue(Strata),
            Tau = result.GetValue(Tau),
            Eta = result.GetValue(Eta),
            Confidence = result.GetValue(Confidence) switch
            {
                "least-confidence" => ConfidenceKind.LeastConfidence,
                "margin" => ConfidenceKind.Margin,
                var other => throw new WinnowException($"--confidence '{other}' is not one of least-confidence, margin"),
            },
            Greedy = result.GetValue(Greedy) switch
            {
                "own" => Prune4RelGreedy.Own,
                "marginal" => Prune4RelGreedy.Marginal,
                var other => throw new WinnowException($"--greedy '{other}' is not one of own, marginal"),
            },
        };
        options.Validate();
        return options;
    }
}
