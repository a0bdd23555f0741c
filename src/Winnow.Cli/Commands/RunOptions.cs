using System.CommandLine;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Output;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Cli.Commands;

/// <summary>
/// The options every command that runs shares — data, seed and model, trainer, learner and
/// distillation, the output folder — and their mapping to the parts of a <see cref="RunSpec"/>.
/// </summary>
public sealed class RunOptions(string outputDescription)
{
    public SettingOptions<DataSpec> Data { get; } = new();
    public SettingOptions<RunSpec> Run { get; } = new();
    public SettingOptions<TrainerOptions> Trainer { get; } = new();
    public SettingOptions<LearnerOptions> Learner { get; } = new();
    public SettingOptions<DistillationOptions> Distillation { get; } = new();

    public Option<string> Out { get; } = new("--out") { Description = outputDescription, Required = true };

    public Option<bool> Overwrite { get; } = new("--overwrite")
    {
        Description = "Replace the output folder if it holds another run's output (atomically, once this run is complete)",
    };

    /// <param name="learner">Whether the command takes a learner and distillation.</param>
    public void AddTo(Command command, bool learner = true)
    {
        Data.AddTo(command);
        Run.AddTo(command);
        Trainer.AddTo(command);
        if (learner)
        {
            Learner.AddTo(command);
            Distillation.AddTo(command);
        }
    }

    /// <summary>The spec's data, seed, model, trainer and learner as given (full-data training; the command sets the rest).</summary>
    public RunSpec Read(ParseResult result)
    {
        var spec = Run.Read(result, new RunSpec()) with
        {
            Data = Data.Read(result, new DataSpec()),
            Trainer = Trainer.Read(result, new TrainerOptions()),
            Learner = Learner.Read(result, new LearnerOptions()),
        };
        var teacher = SettingOptions<DistillationOptions>.IsGiven(result, Distillation["teacher"]);
        if (!teacher && Distillation.Given(result)) throw new WinnowException("--kd-alpha and --kd-temperature need a --teacher");
        return teacher ? spec with { Learner = spec.Learner with { Distillation = Distillation.Read(result, new DistillationOptions()) } } : spec;
    }

    /// <summary>Checks the spec and the output folder before any long work.</summary>
    public (string Directory, bool Overwrite) Output(ParseResult result, RunSpec spec)
    {
        spec.Validate();
        var directory = result.GetValue(Out)!;
        var overwrite = result.GetValue(Overwrite);
        OutputFolder.Check(directory, overwrite);
        return (directory, overwrite);
    }

    public void AddOutputTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Overwrite);
    }
}
