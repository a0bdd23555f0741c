using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners;

/// <summary>Plain cross-entropy against the training labels.</summary>
public sealed class CrossEntropyLearner : IBatchLearner
{
    public string Name => "ce";

    public LearnerLoss Loss(LearnerBatch batch) =>
        new(cross_entropy(batch.Logits, batch.Labels, reduction: TorchSharp.torch.nn.Reduction.None));

    public void Dispose() { }
}
