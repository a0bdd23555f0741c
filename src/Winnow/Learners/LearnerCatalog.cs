using Winnow.Data;

namespace Winnow.Learners;

/// <summary>Builds the per-batch learner a <see cref="Training.Trainer"/> runs with, from <see cref="LearnerOptions"/>.</summary>
public static class LearnerCatalog
{
    /// <param name="keptFraction">Fraction of the training set the run trains on (sets the automatic KD weight).</param>
    /// <param name="augmenting">Whether the trainer augments batches (then teacher logits cannot be cached).</param>
    /// <param name="trained">The indices the run trains on (all when null): distillation caches teacher logits for these only.</param>
    public static ILearner Create(LearnerOptions options, SampleSet train, double keptFraction, bool augmenting, int seed,
        IReadOnlyList<int>? trained = null)
    {
        options.Validate();
        switch (options.Name)
        {
            case "ce" when options.Teacher is { } directory:
                var (teacher, _) = Teacher.Load(directory, train);
                try
                {
                    return new DistillationLearner(teacher, train, options.AlphaFor(keptFraction), options.KdTemperature,
                        cache: !augmenting, ownsTeacher: true, trained);
                }
                catch
                {
                    teacher.Dispose();
                    throw;
                }
            case "ce":
                return new CrossEntropyLearner();
            case "sop":
                return new SopLearner(train.Count, train.ClassCount, train.Inputs.dim() == 4, options.Sop, seed);
            default:
                throw new WinnowException($"learner '{options.Name}' has a training loop of its own and no per-batch learner");
        }
    }
}
