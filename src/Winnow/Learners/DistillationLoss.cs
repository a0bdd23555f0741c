using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners;

/// <summary>
/// Hinton's distillation objective per sample, the form Ben-Baruch et al. (ICML 2025) train a
/// pruned subset with: (1−α)·CE(y, student) + α·T²·KL(softmax(teacher/T) ‖ softmax(student/T)).
/// T² keeps the soft term's gradient on the scale of the hard one as T changes. The KL is
/// written out (not <c>kl_div</c>, whose TorchSharp default takes log-targets).
/// </summary>
public static class DistillationLoss
{
    public static Tensor PerSample(Tensor studentLogits, Tensor teacherLogits, Tensor labels, double alpha, double temperature)
    {
        using var scope = NewDisposeScope();
        var hard = cross_entropy(studentLogits, labels, reduction: nn.Reduction.None);
        var logTeacher = log_softmax(teacherLogits.detach() / temperature, 1);
        var logStudent = log_softmax(studentLogits / temperature, 1);
        var soft = (logTeacher.exp() * (logTeacher - logStudent)).sum(1);
        return ((1 - alpha) * hard + alpha * temperature * temperature * soft).MoveToOuterDisposeScope();
    }
}
