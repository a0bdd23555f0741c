using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// A distillation teacher read from a <c>winnow train</c> output (its <c>checkpoint</c> folder,
/// the train/ folder of a <c>winnow prune --train</c> output, or a checkpoint folder itself). Any architecture is accepted — a smaller teacher than the student is a
/// case the KD paper studies — but it must take the same inputs and predict the same classes.
/// </summary>
public static class Teacher
{
    /// <param name="device">Where the teacher computes (the student's device); the CPU when null.</param>
    public static (Classifier Model, Checkpoint Description) Load(string directory, SampleSet train, Device? device = null)
    {
        // The checkpoint folder itself, a `winnow train` output, or a `winnow prune --train` output.
        var folder = new[] { Path.Combine(directory, Runs.TrainingOutput.CheckpointFolder),
                Path.Combine(directory, Runs.RunOutput.TrainingFolder, Runs.TrainingOutput.CheckpointFolder) }
            .FirstOrDefault(Directory.Exists) ?? directory;
        if (!Directory.Exists(folder)) throw new WinnowException($"teacher directory {directory} does not exist");
        var (model, description) = Checkpoint.Load(folder, device);
        var shape = train.SampleShape.Select(d => (int)d).ToArray();
        string? problem = null;
        if (description.ClassCount != train.ClassCount)
            problem = $"the teacher in {directory} predicts {description.ClassCount} classes but the data has {train.ClassCount}";
        else if (!description.SampleShape.SequenceEqual(shape))
            problem = $"the teacher in {directory} takes inputs of shape [{string.Join(", ", description.SampleShape)}] but the data's are [{string.Join(", ", shape)}]";
        if (problem is not null)
        {
            model.Dispose();
            throw new WinnowException(problem);
        }
        return (model, description);
    }
}
