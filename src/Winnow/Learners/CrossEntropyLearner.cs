using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners;

/// <summary>Plain cross-entropy against the training labels.</summary>
public sealed class CrossEntropyLearner : ILearner
{
    public string Name => "ce";

    public Tensor PerSampleLoss(LearnerBatch batch) =>
        cross_entropy(batch.Logits, batch.Labels, reduction: TorchSharp.torch.nn.Reduction.None);

    public void Dispose() { }
}
