using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>
/// AlignPrune's plug-in (seed paper 000): a memory bank holds each sample's losses of its last
/// <c>window</c> epochs trained on (N = 10 by default), and the mean loss of the trusted reference
/// set in every epoch (reference samples are trained on every epoch, so their trajectory has no
/// gaps). Once <c>window</c> epochs exist, every sample's value is DAS_i = Pearson(its last N
/// losses, the reference mean at those same epochs), replacing the loss for all samples at once;
/// before, the value is the loss (the paper's fallback). Low-DAS samples thus become the pruning
/// candidates of whatever pruner hosts it. A sample with fewer than two losses in the bank scores 0.
/// </summary>
public sealed class AlignmentSignal : ISampleSignal
{
    public const int DefaultWindow = 10;

    private readonly int _window;
    private readonly int[] _reference;
    private readonly Queue<(int Epoch, float Loss)>[] _bank;
    private readonly List<double> _referenceMean = [];

    public AlignmentSignal(int sampleCount, IReadOnlyList<int> reference, int window = DefaultWindow)
    {
        if (window < 2) throw new WinnowException($"the DAS window must be at least 2 epochs (got {window})");
        if (reference.Count == 0) throw new WinnowException("AlignPrune needs a non-empty trusted reference set");
        if (reference.Any(i => i < 0 || i >= sampleCount))
            throw new WinnowException($"the reference set holds an index outside the training set (0..{sampleCount - 1})");
        if (reference.Distinct().Count() != reference.Count) throw new WinnowException("the reference set holds an index twice");
        _window = window;
        _reference = reference.Order().ToArray();
        _bank = Enumerable.Range(0, sampleCount).Select(_ => new Queue<(int, float)>(window)).ToArray();
    }

    public string Name => "das";

    public IReadOnlyList<int> AlwaysKept => _reference;

    public int Window => _window;

    public bool ScaleChanged { get; private set; }

    /// <summary>Whether enough epochs exist for DAS to replace the loss.</summary>
    public bool Active => _referenceMean.Count >= _window;

    public float[] Update(int epoch, EpochPlan plan, EpochResult result)
    {
        var latest = new float[_bank.Length];
        Array.Fill(latest, float.NaN);
        for (var k = 0; k < plan.Count; k++)
        {
            var i = plan.Indices[k];
            var queue = _bank[i];
            if (queue.Count == _window) queue.Dequeue();
            queue.Enqueue((_referenceMean.Count, result.Losses[k]));
            latest[i] = result.Losses[k];
        }
        var referenceLosses = _reference.Select(i => latest[i]).Where(float.IsFinite).ToArray();
        if (referenceLosses.Length != _reference.Length)
            throw new InvalidOperationException("every reference sample must be trained on every epoch");
        _referenceMean.Add(referenceLosses.Average(l => (double)l));
        ScaleChanged = _referenceMean.Count == _window;
        return Active ? Scores() : latest;
    }

    /// <summary>DAS of every sample against the reference mean at the epochs of its own bank.</summary>
    public float[] Scores()
    {
        var scores = new float[_bank.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var own = _bank[i].Select(p => (double)p.Loss).ToArray();
            var reference = _bank[i].Select(p => _referenceMean[p.Epoch]).ToArray();
            scores[i] = (float)AlignmentScore.Pearson(own, reference);
        }
        return scores;
    }
}
