using Winnow.Data;
using Winnow.Learners.DivideMix;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>What a learner is built from: its options, the data, the training settings and the resolved teacher.</summary>
/// <param name="Seed">The learner's own seed (SOP+'s initialisation and strong views).</param>
/// <param name="KeptFraction">Fraction of the training set the run trains on (sets the automatic distillation weight).</param>
/// <param name="Trained">The indices the run trains on (all when null): distillation caches teacher logits for these only.</param>
/// <param name="Teacher">The teacher's folder when distilling (already resolved: a grid's shared teacher, or the given one).</param>
/// <param name="Device">Where the networks train: the learner's own tensors (SOP+'s u, v; the teacher) go there. The CPU when null.</param>
public sealed record LearnerContext(LearnerOptions Options, SampleSet Train, TrainerOptions Trainer, int Seed,
    double KeptFraction = 1, IReadOnlyList<int>? Trained = null, string? Teacher = null, Device? Device = null);

public delegate ILearner LearnerFactory(LearnerContext context);

/// <param name="Networks">How many networks the learner trains.</param>
/// <param name="RecordsSamples">Whether it reports per-sample losses (so a dynamic pruner can rank by them).</param>
public sealed record LearnerEntry(string Name, string Description, LearnerFactory Create, int Networks = 1, bool RecordsSamples = true) : IRegistered;

/// <summary>Every learner by the name <c>--learner</c> takes.</summary>
public static class LearnerCatalog
{
    public static Registry<LearnerEntry> All { get; } = new("learner",
    [
        new("ce", "cross-entropy on the training labels; with a teacher, knowledge distillation", CreateCrossEntropy),
        new("sop", "SOP+: per-sample label correction u, v and a weak/strong consistency term (Liu et al. 2022)",
            c => new SopLearner(c.Train.Count, c.Train.ClassCount, c.Train.SampleShape.Length == 3, c.Options.Sop, c.Seed, c.Device, c.Train.BlackPixel)),
        new("dividemix", "two networks, GMM co-divide of the losses, MixMatch (Li et al. 2020)",
            c => new DivideMixLearner(c.Options.DivideMix, c.Trainer.Epochs), Networks: 2, RecordsSamples: false),
    ]);

    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Builds the learner the context names, after checking its options.</summary>
    public static ILearner Create(LearnerContext context)
    {
        context.Options.Validate(context.Trainer);
        return All[context.Options.Name].Create(context);
    }

    private static ILearner CreateCrossEntropy(LearnerContext context)
    {
        if (context.Options.Distillation is not { } kd) return new CrossEntropyLearner();
        var directory = context.Teacher ?? kd.Teacher ?? throw new WinnowException("knowledge distillation needs a teacher folder");
        var (teacher, _) = Teacher.Load(directory, context.Train, context.Device);
        try
        {
            var augmenting = AugmentationChoice.Resolve(context.Trainer.Augment, context.Train) != AugmentationStrength.None;
            return new DistillationLearner(teacher, context.Train, context.Options.AlphaFor(context.KeptFraction), kd.Temperature,
                cache: !augmenting, ownsTeacher: true, context.Trained);
        }
        catch
        {
            teacher.Dispose();
            throw;
        }
    }
}
