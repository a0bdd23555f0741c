using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// Prune4ReL (Park et al. NeurIPS 2023): choose the subset that maximises the total reduced
/// neighbourhood confidence Σ_x tanh(NC_x/η), so that a re-labeling learner (SOP+, DivideMix)
/// trained on it can correct the most labels. Greedy, as the reference: every sample's
/// neighbourhood confidence NC starts at 0; for round(N·f) steps pick the unselected sample with
/// the largest gain tanh((NC_i + c_i)/η) − tanh(NC_i/η), then NC_x += sim(x, picked)·c_picked for
/// all x, with sim = 0.5 + 0.5·cos(h_x, h_picked) zeroed below τ. c is the warm-up model's
/// confidence (max softmax probability, or margin). With balance the steps go round-robin over
/// classes (by training label), skipping exhausted classes.
/// Defaults: τ = 0.975 (CIFAR-10 scripts; 0.95 CIFAR-100, 0.8 Clothing-1M), η = 1.
/// Cost O(k·N·d) time and O(N·d) memory, no N×N matrix; picks whose gains cannot have changed
/// are applied in batches (see the comment inside <see cref="Select"/>).
/// The reference greedy scores only the candidate's own term (a quirk); <see cref="Select"/> does
/// that, <see cref="SelectByMarginalGain"/> maximises the paper's objective itself.
/// </summary>
public static class Prune4RelSelector
{
    /// <param name="device">Where the similarity products run (the CPU when null).</param>
    public static int[] Select(float[] embeddings, int dimension, float[] confidence, IReadOnlyList<int> labels,
        double fraction, double tau = 0.975, double eta = 1.0, bool balance = true, int maxBatch = 128, Device? device = null)
    {
        var (n, budget) = Check(embeddings, dimension, confidence, fraction, tau, eta);

        using var scope = NewDisposeScope();
        device ??= CPU;
        var unitTensor = nn.functional.normalize(ComputeDevice.To(tensor(embeddings, [n, dimension]), device), p: 2, dim: 1);
        var unit = unitTensor.cpu().data<float>().ToArray();
        var nc = new double[n];
        var gain = confidence.Select(ci => Math.Tanh(ci / eta)).ToArray();
        var available = Enumerable.Repeat(true, n).ToArray();
        var classes = balance ? labels.Distinct().Order().ToArray() : [0];
        var members = balance
            ? classes.Select(k => Enumerable.Range(0, n).Where(i => labels[i] == k).ToArray()).ToArray()
            : [Enumerable.Range(0, n).ToArray()];
        var left = members.Select(m => m.Length).ToArray();
        var picked = new List<int>(budget);
        var batch = new List<int>(maxBatch);
        var turn = 0;

        // Gains only shrink as NC grows (tanh is concave), and a pick changes the NC of its
        // neighbours only (sim ≥ τ). So the best candidate of the next turn is exact unless it
        // neighbours a pick not yet applied: picks are batched until that happens, then NC is
        // updated for all samples with one matrix product — the same picks as one update per
        // step, with a fraction of the passes over the N×d embeddings.
        while (picked.Count < budget)
        {
            var group = turn % members.Length;
            if (left[group] == 0) { turn++; continue; }
            var best = -1;
            foreach (var i in members[group])
                if (available[i] && (best < 0 || gain[i] > gain[best])) best = i;
            if (batch.Count > 0 && (batch.Count == maxBatch || batch.Any(j => Similarity(unit, dimension, best, j) >= tau - 1e-5)))
            {
                Apply(unitTensor, batch, confidence, tau, eta, nc, gain);
                batch.Clear();
                continue;
            }
            picked.Add(best);
            batch.Add(best);
            available[best] = false;
            left[group]--;
            turn++;
        }
        return picked.Order().ToArray();
    }

    /// <summary>
    /// The reference's own-term greedy of <see cref="Select"/> over a sparse τ-neighbourhood graph
    /// (<see cref="NeighbourGraph"/>), for sizes where O(k·N·d) is too slow (ImageNet-1K keeping 20%):
    /// a pick adds sim·c to its neighbours' NC only, and each class keeps its candidates in a heap of
    /// gains that is repaired lazily (a gain only falls as NC grows, so a stale top is re-pushed with
    /// its current gain until the top is current). The same picks as <see cref="Select"/> when the
    /// graph's cap covers every neighbour; O(N·K) memory, O((N + k·K)·log N) time after the graph.
    /// </summary>
    public static int[] SelectSparse(NeighbourGraph graph, float[] confidence, IReadOnlyList<int> labels, double fraction,
        double eta = 1.0, bool balance = true)
    {
        var n = confidence.Length;
        if (graph.Count != n) throw new ArgumentException("the neighbour graph does not match the confidence count");
        if (!(eta > 0)) throw new WinnowException($"Prune4ReL eta must be positive (got {eta})");
        var budget = KeptFraction.Count(n, fraction);
        var nc = new double[n];
        var gain = confidence.Select(ci => Math.Tanh(ci / eta)).ToArray();
        var available = Enumerable.Repeat(true, n).ToArray();
        var classes = balance ? labels.Distinct().Order().ToArray() : [0];
        var groupOf = balance ? classes.Select((k, g) => (k, g)).ToDictionary(p => p.k, p => p.g) : null;
        // Highest gain first, ties to the lower index — the dense scan's order.
        var heaps = classes.Select(_ => new PriorityQueue<int, (double, int)>()).ToArray();
        var left = new int[classes.Length];
        for (var i = 0; i < n; i++)
        {
            var g = groupOf is null ? 0 : groupOf[labels[i]];
            heaps[g].Enqueue(i, (-gain[i], i));
            left[g]++;
        }
        var picked = new List<int>(budget);
        var turn = 0;
        while (picked.Count < budget)
        {
            var group = turn % heaps.Length;
            if (left[group] == 0) { turn++; continue; }
            var heap = heaps[group];
            int best;
            while (true)
            {
                heap.TryPeek(out best, out var priority);
                if (!available[best]) { heap.Dequeue(); continue; }
                if (-priority.Item1 != gain[best]) { heap.Dequeue(); heap.Enqueue(best, (-gain[best], best)); continue; }
                heap.Dequeue();
                break;
            }
            picked.Add(best);
            available[best] = false;
            left[group]--;
            turn++;
            var weight = confidence[best];
            for (var e = graph.Offsets[best]; e < graph.Offsets[best + 1]; e++)
            {
                var x = graph.Neighbours[e];
                nc[x] += graph.Similarities[e] * weight;
                gain[x] = Math.Tanh((nc[x] + confidence[x]) / eta) - Math.Tanh(nc[x] / eta);
            }
        }
        return picked.Order().ToArray();
    }

    private static double Similarity(float[] unit, int dimension, int a, int b)
    {
        var dot = 0f;
        var x = unit.AsSpan(a * dimension, dimension);
        var y = unit.AsSpan(b * dimension, dimension);
        for (var k = 0; k < dimension; k++) dot += x[k] * y[k];
        return 0.5 + 0.5 * dot;
    }

    /// <summary>NC_x += Σ_b sim(x, b)·c_b over the batch, and the gains of the samples whose NC moved.</summary>
    private static void Apply(Tensor unit, List<int> batch, float[] confidence, double tau, double eta, double[] nc, double[] gain)
    {
        using var scope = NewDisposeScope();
        var rows = ComputeDevice.To(tensor(batch.Select(i => (long)i).ToArray()), unit.device);
        var similarity = unit.mm(unit.index_select(0, rows).t()).mul(0.5).add(0.5);
        similarity = similarity.masked_fill(similarity.lt(tau), 0);
        var weights = ComputeDevice.To(tensor(batch.Select(i => confidence[i]).ToArray()), unit.device);
        var added = similarity.mv(weights).cpu().data<float>().ToArray();
        for (var x = 0; x < nc.Length; x++)
        {
            if (added[x] == 0) continue;
            nc[x] += added[x];
            gain[x] = Math.Tanh((nc[x] + confidence[x]) / eta) - Math.Tanh(nc[x] / eta);
        }
    }

    /// <summary>
    /// The greedy on the paper's objective F(S) = Σ_x tanh(NC_x/η): each step picks the sample
    /// whose addition raises F the most, Δ_i = Σ_x tanh((NC_x + sim(x,i)·c_i)/η) − tanh(NC_x/η).
    /// F is monotone submodular (tanh concave and increasing, sim and c non-negative), so gains only
    /// shrink and the lazy greedy (re-evaluate the best stale bound, O(N·d) per evaluation) picks
    /// the same samples as the plain greedy. The initial bounds cost one pass over all pairs in
    /// blocks (O(N²·d) time, O(block·N) memory).
    /// </summary>
    public static int[] SelectByMarginalGain(float[] embeddings, int dimension, float[] confidence, IReadOnlyList<int> labels,
        double fraction, double tau = 0.975, double eta = 1.0, bool balance = true, int blockSize = 512, Device? device = null)
    {
        var (n, budget) = Check(embeddings, dimension, confidence, fraction, tau, eta);

        using var scope = NewDisposeScope();
        device ??= CPU;
        var unit = nn.functional.normalize(ComputeDevice.To(tensor(embeddings, [n, dimension]), device), p: 2, dim: 1);
        var c = ComputeDevice.To(tensor(confidence), device);
        var nc = zeros(n, device: device);

        Tensor Similarity(Tensor rows)
        {
            var similarity = rows.mm(unit.t()).mul(0.5).add(0.5);
            return similarity.masked_fill(similarity.lt(tau), 0);
        }

        var bounds = new float[n];
        for (var start = 0; start < n; start += blockSize)
        {
            using var block = NewDisposeScope();
            var rows = arange(start, Math.Min(n, start + blockSize), dtype: ScalarType.Int64, device: device);
            var gain = Similarity(unit.index_select(0, rows)).mul(c.index_select(0, rows).unsqueeze(1)).div(eta).tanh().sum(1);
            gain.cpu().data<float>().CopyTo(bounds.AsSpan(start));
        }

        var classes = balance ? labels.Distinct().Order().ToArray() : [0];
        var queues = classes.Select(_ => new PriorityQueue<int, (float, int)>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            var q = balance ? Array.IndexOf(classes, labels[i]) : 0;
            queues[q].Enqueue(i, (-bounds[i], i));
        }

        var picked = new List<int>(budget);
        var turn = 0;
        while (picked.Count < budget)
        {
            while (queues[turn % queues.Length].Count == 0) turn++;
            var queue = queues[turn % queues.Length];
            turn++;
            while (true)
            {
                var candidate = queue.Dequeue();
                using var step = NewDisposeScope();
                var similarity = Similarity(unit[candidate].unsqueeze(0)).squeeze(0);
                var gain = (nc + similarity.mul(confidence[candidate])).div(eta).tanh().sub(nc.div(eta).tanh()).sum().item<float>();
                if (queue.Count == 0 || !queue.TryPeek(out _, out var next) || gain >= -next.Item1)
                {
                    picked.Add(candidate);
                    nc.add_(similarity.mul(confidence[candidate]));
                    break;
                }
                queue.Enqueue(candidate, (-gain, candidate));
            }
        }
        return picked.Order().ToArray();
    }

    private static (int Count, int Budget) Check(float[] embeddings, int dimension, float[] confidence, double fraction, double tau, double eta)
    {
        var n = confidence.Length;
        if (embeddings.Length != (long)n * dimension) throw new ArgumentException("embeddings do not match the confidence count");
        if (tau is < 0 or > 1) throw new WinnowException($"Prune4ReL similarity threshold tau {tau} is outside [0, 1]");
        if (!(eta > 0)) throw new WinnowException($"Prune4ReL eta must be positive (got {eta})");
        return (n, KeptFraction.Count(n, fraction));
    }
}
