using TorchSharp;
using TorchSharp.Modules;
using Winnow.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners;

/// <summary>
/// SOP+ (sparse over-parameterisation, Liu et al. ICML 2022): every training sample i owns a
/// scalar u_i (which can raise the probability of its given label) and a vector v_i (which can
/// raise the others'), learned jointly with the network so that a sparse correction absorbs the
/// label noise instead of the network memorising it (terms in <see cref="SopLoss"/>). The
/// trainer's augmented batch is the weak view; this learner draws the strong view itself from
/// the raw inputs. Tables have no strong view, so the consistency term is dropped there.
/// </summary>
public sealed class SopLearner : IBatchLearner
{
    private readonly SopOptions _options;
    private readonly Parameter _u;
    private readonly Parameter _v;
    private readonly SGD _optimizerU;
    private readonly SGD _optimizerV;
    private readonly Augmenter? _strong;
    private readonly int _classes;

    /// <param name="device">Where the network trains (the CPU when null): u and v live there, drawn on the CPU first so every device starts from the same values.</param>
    /// <param name="blackPixel">The strong view's crop padding per channel (<see cref="SampleSet.BlackPixel"/>).</param>
    public SopLearner(int trainCount, int classCount, bool images, SopOptions options, int seed, Device? device = null, float[]? blackPixel = null)
    {
        device ??= CPU;
        options.Validate();
        _options = options;
        _classes = classCount;
        using (no_grad())
        {
            var generator = new Generator((ulong)Seeds.Derive(seed, "sop-init"));
            _u = new Parameter(normal(0, options.InitStd, [trainCount, 1], generator: generator).to(device));
            _v = new Parameter(normal(0, options.InitStd, [trainCount, classCount], generator: generator).to(device));
            generator.Dispose();
        }
        // Plain SGD as the reference: no momentum, no weight decay (decay would pull every
        // correction back to 0 whether or not the label is wrong).
        _optimizerU = optim.SGD([_u], options.LearningRateU);
        _optimizerV = optim.SGD([_v], options.LearningRateV);
        _strong = images && options.ConsistencyWeight > 0
            ? new Augmenter(AugmentationStrength.Strong, Seeds.Derive(seed, "sop-strong"), blackPixel)
            : null;
    }

    public string Name => "sop";

    /// <summary>The per-sample u [N, 1] (for inspection and tests).</summary>
    public Tensor U => _u;

    /// <summary>The per-sample v [N, C].</summary>
    public Tensor V => _v;

    public LearnerLoss Loss(LearnerBatch batch)
    {
        using var scope = NewDisposeScope();
        var oneHot = one_hot(batch.Labels, _classes).to_type(batch.Logits.dtype);
        var (crossEntropy, squaredError, balance) = SopLoss.Terms(batch.Logits,
            oneHot, _u.index_select(0, batch.Indices), _v.index_select(0, batch.Indices));
        var perSample = crossEntropy + squaredError;
        if (_strong is not null)
        {
            var strongLogits = batch.Model.call(_strong.Apply(batch.RawInputs));
            perSample += _options.ConsistencyWeight * SopLoss.Consistency(batch.Logits, strongLogits);
        }
        return new LearnerLoss(perSample.MoveToOuterDisposeScope(), (_options.BalanceWeight * balance).MoveToOuterDisposeScope());
    }

    public void AfterStep()
    {
        _optimizerU.step();
        _optimizerV.step();
        _optimizerU.zero_grad();
        _optimizerV.zero_grad();
    }

    public void Dispose()
    {
        _optimizerU.Dispose();
        _optimizerV.Dispose();
        _strong?.Dispose();
        _u.Dispose();
        _v.Dispose();
    }
}
