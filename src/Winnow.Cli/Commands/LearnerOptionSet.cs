using System.CommandLine;
using System.Globalization;
using Winnow.Learners;
using Winnow.Learners.DivideMix;

namespace Winnow.Cli.Commands;

/// <summary>How the (pruned) training set is learned: `--learner`, SOP+ settings and knowledge distillation.</summary>
public sealed class LearnerOptionSet
{
    private static readonly SopOptions SopDefaults = new();
    private static readonly DivideMixOptions DivideMixDefaults = new();

    public Option<string> Learner { get; } = new("--learner")
    {
        Description = "Learner: ce (cross-entropy) | sop (SOP+: per-sample label correction, weak/strong views) | dividemix (two networks, GMM co-divide, MixMatch)",
        DefaultValueFactory = _ => "ce",
    };

    public Option<string?> Teacher { get; } = new("--teacher")
    {
        Description = "Knowledge distillation from this 'winnow train --out' folder (any model with the same inputs and classes)",
    };

    public Option<string> KdAlpha { get; } = new("--kd-alpha")
    {
        Description = "Distillation weight α in [0, 1] of (1−α)·CE + α·T²·KL, or auto: chosen from the kept fraction (larger for smaller fractions)",
        DefaultValueFactory = _ => "auto",
    };

    public Option<double> KdTemperature { get; } = new("--kd-temperature")
    {
        Description = "Distillation temperature T (> 0)",
        DefaultValueFactory = _ => 4,
    };

    public Option<double> SopLrU { get; } = new("--sop-lr-u") { Description = "SOP+: learning rate of the per-sample u", DefaultValueFactory = _ => SopDefaults.LearningRateU };

    public Option<double> SopLrV { get; } = new("--sop-lr-v") { Description = "SOP+: learning rate of the per-sample v", DefaultValueFactory = _ => SopDefaults.LearningRateV };

    public Option<double> SopConsistency { get; } = new("--sop-consistency")
    {
        Description = "SOP+: weight of the weak/strong augmentation consistency term",
        DefaultValueFactory = _ => SopDefaults.ConsistencyWeight,
    };

    public Option<double> SopBalance { get; } = new("--sop-balance")
    {
        Description = "SOP+: weight of the class-balance term",
        DefaultValueFactory = _ => SopDefaults.BalanceWeight,
    };

    public Option<int> DivideMixWarmup { get; } = new("--dividemix-warmup")
    {
        Description = "DivideMix: epochs of plain cross-entropy before the first split (counted in --epochs)",
        DefaultValueFactory = _ => DivideMixDefaults.WarmupEpochs,
    };

    public Option<double> DivideMixLambdaU { get; } = new("--dividemix-lambda-u")
    {
        Description = "DivideMix: weight of the unlabeled loss (reference: 0 at 20% noise, 25 at 50%, 150 at 80%)",
        DefaultValueFactory = _ => DivideMixDefaults.LambdaU,
    };

    public Option<double> DivideMixThreshold { get; } = new("--dividemix-threshold")
    {
        Description = "DivideMix: clean probability above which a sample is labeled",
        DefaultValueFactory = _ => DivideMixDefaults.PThreshold,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Learner, Teacher, KdAlpha, KdTemperature, SopLrU, SopLrV, SopConsistency, SopBalance,
                     DivideMixWarmup, DivideMixLambdaU, DivideMixThreshold })
            command.Options.Add(option);
    }

    /// <summary>Reads and checks the options (before any data is loaded).</summary>
    public LearnerOptions Read(ParseResult result)
    {
        var alphaText = result.GetValue(KdAlpha)!;
        double? alpha = alphaText == "auto" ? null
            : double.TryParse(alphaText, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a
            : throw new WinnowException($"--kd-alpha must be a number in [0, 1] or auto (got '{alphaText}')");
        var teacher = result.GetValue(Teacher);
        if (teacher is not null && !Directory.Exists(teacher)) throw new WinnowException($"teacher directory {teacher} does not exist");
        if (teacher is null && (result.GetResult(KdAlpha) is { Implicit: false } || result.GetResult(KdTemperature) is { Implicit: false }))
            throw new WinnowException("--kd-alpha and --kd-temperature need a --teacher");
        var options = new LearnerOptions
        {
            Name = result.GetValue(Learner)!,
            Teacher = teacher,
            KdAlpha = alpha,
            KdTemperature = result.GetValue(KdTemperature),
            Sop = new SopOptions
            {
                LearningRateU = result.GetValue(SopLrU),
                LearningRateV = result.GetValue(SopLrV),
                ConsistencyWeight = result.GetValue(SopConsistency),
                BalanceWeight = result.GetValue(SopBalance),
            },
            DivideMix = new DivideMixOptions
            {
                WarmupEpochs = result.GetValue(DivideMixWarmup),
                LambdaU = result.GetValue(DivideMixLambdaU),
                PThreshold = result.GetValue(DivideMixThreshold),
            },
        };
        options.Validate();
        return options;
    }
}
