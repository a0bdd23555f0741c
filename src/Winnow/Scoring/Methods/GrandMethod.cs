namespace Winnow.Scoring.Methods;

/// <summary>
/// GraNd (Paul et al. NeurIPS 2021): the norm of the per-sample loss gradient early in training,
/// averaged over <c>--repeats</c> runs; keep the largest. By default the closed-form gradient of
/// the last layer, ‖p − y‖·√(‖h‖² + 1), as DeepCore (without its mean-reduction quirk);
/// <c>--gradients full</c> takes autograd through every parameter.
/// </summary>
public sealed class GrandMethod : RankedMethod
{
    public override string Name => "grand";

    public override SampleScores Score(ScoringContext context)
    {
        var full = context.Options.Gradients == GradientKind.Full;
        var values = context.Average(run => full
            ? FullGradients.Norms(run.Model, context.Train, context.Cancellation, context.Range)
            : LastLayerGradients.Norms(context.FinalOf(run), context.Train.Labels));
        return new SampleScores(Name, values, KeepDirection.High);
    }
}
