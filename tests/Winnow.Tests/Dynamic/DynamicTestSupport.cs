using Winnow.Dynamic;
using Winnow.Training;

namespace Winnow.Tests.Dynamic;

internal static class DynamicTestSupport
{
    /// <summary>Reports the given loss of every planned sample back to the pruner, as the trainer would.</summary>
    public static void Report(DynamicPruner pruner, int epoch, EpochPlan plan, Func<int, float> loss)
    {
        var losses = plan.Indices.Select(loss).ToArray();
        pruner.Observe(epoch, plan, new EpochResult(epoch, 0.1, losses, new bool[plan.Count], new float[plan.Count],
            losses.Average(), 0, plan.Count, plan.Count, 0));
    }
}
