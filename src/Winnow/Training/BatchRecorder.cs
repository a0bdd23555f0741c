using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// Each trained sample's loss, correctness and margin p_y − max_{k≠y} p_k, from the forward pass
/// before the update, into an epoch's arrays (by position in the epoch's plan).
/// <para>
/// The logits of a batch are kept (detached) and the values computed for many batches at once:
/// per batch they were ~20 small operations and three host copies, about a seventh of a small
/// model's step on the CPU (BENCHMARKS.md, PyTorch peer), and every copy a device synchronisation
/// on a GPU. Each row's values are computed row by row whatever the number of rows, so they are
/// the same floats as one batch at a time (BatchRecorderTests pin this).
/// </para>
/// </summary>
public sealed class BatchRecorder : IDisposable
{
    /// <summary>Rows held before the values are computed: bounds the memory to this many rows of logits.</summary>
    public const int RowsPerFlush = 4096;

    private readonly float[] _losses;
    private readonly bool[] _correct;
    private readonly float[] _margins;
    private readonly List<(int[] Positions, Tensor Logits, Tensor Labels)> _pending = [];
    private int _pendingRows;

    public BatchRecorder(float[] losses, bool[] correct, float[] margins)
    {
        _losses = losses;
        _correct = correct;
        _margins = margins;
    }

    /// <summary>Keeps a batch's logits and labels (outliving the step's dispose scope) until the next flush.</summary>
    public void Add(int[] positions, Tensor logits, Tensor labels)
    {
        _pending.Add((positions, logits.detach().DetachFromDisposeScope(), labels.DetachFromDisposeScope()));
        _pendingRows += positions.Length;
        if (_pendingRows >= RowsPerFlush) Flush();
    }

    /// <summary>Computes and stores the values of every batch held; call at the end of the epoch.</summary>
    public void Flush()
    {
        if (_pending.Count == 0) return;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var logits = _pending.Count == 1 ? _pending[0].Logits : cat(_pending.Select(p => p.Logits).ToArray(), 0);
            var labels = (_pending.Count == 1 ? _pending[0].Labels : cat(_pending.Select(p => p.Labels).ToArray(), 0)).unsqueeze(1);
            var values = Values(logits, labels);
            var row = 0;
            foreach (var (positions, _, _) in _pending)
            {
                foreach (var position in positions)
                {
                    _losses[position] = values[3 * row];
                    _correct[position] = values[3 * row + 1] != 0;
                    _margins[position] = values[3 * row + 2];
                    row++;
                }
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Per row: the cross-entropy, 1 when the arg-max is the label (else 0), the margin; [rows × 3] on the host.</summary>
    /// <remarks>
    /// cross_entropy is log_softmax then nll_loss, which takes −log p_y: so is the loss here, to the
    /// bit. The margin comes from softmax (not exp of log_softmax, which rounds differently).
    /// </remarks>
    private static float[] Values(Tensor logits, Tensor labelColumn)
    {
        var loss = nn.functional.log_softmax(logits, 1).gather(1, labelColumn).neg_();
        var hit = logits.argmax(1, keepdim: true).eq(labelColumn).to_type(ScalarType.Float32);
        var probabilities = nn.functional.softmax(logits, 1);
        var bestOther = probabilities.scatter(1, labelColumn, full_like(labelColumn, -1f, dtype: ScalarType.Float32)).amax([1], keepdim: true);
        var margin = probabilities.gather(1, labelColumn).sub_(bestOther);
        return cat([loss, hit, margin], 1).cpu().data<float>().ToArray();
    }

    private void Release()
    {
        foreach (var (_, logits, labels) in _pending)
        {
            logits.Dispose();
            labels.Dispose();
        }
        _pending.Clear();
        _pendingRows = 0;
    }

    /// <summary>Drops what is held without computing it (an epoch that ended in an error).</summary>
    public void Dispose() => Release();
}
