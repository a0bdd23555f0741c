using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// Trains the student on soft targets from a teacher (<see cref="DistillationLoss"/>). When the
/// trainer does not augment, the teacher's logits for the samples the student will train on
/// (the kept subset, not the whole set) are computed once, in one inference pass, and looked up
/// by index: the same numbers a per-step teacher pass would give, for one teacher forward per
/// kept sample instead of one per sample and epoch. When batches are augmented the teacher must
/// see the same augmented view as the student, so it runs a forward pass (eval mode, no
/// gradient) every step.
/// </summary>
public sealed class DistillationLearner : IBatchLearner
{
    private readonly Classifier _teacher;
    private readonly Tensor? _cachedLogits;
    private readonly Tensor? _cacheRow;
    private readonly bool _ownsTeacher;

    /// <param name="teacher">The teacher, already checked against the data's shape and classes (<see cref="Teacher.Load"/>).</param>
    /// <param name="train">The training set the student will see.</param>
    /// <param name="alpha">Weight of the soft term in [0, 1].</param>
    /// <param name="temperature">Softening temperature, above 0.</param>
    /// <param name="cache">Precompute the teacher's logits (only exact when batches are not augmented).</param>
    /// <param name="ownsTeacher">Dispose the teacher with this learner.</param>
    /// <param name="trained">The training indices the student will see (all when null); only these are cached.</param>
    public DistillationLearner(Classifier teacher, SampleSet train, double alpha, double temperature, bool cache, bool ownsTeacher = false,
        IReadOnlyList<int>? trained = null)
    {
        Validate(alpha, temperature);
        _teacher = teacher;
        _ownsTeacher = ownsTeacher;
        Alpha = alpha;
        Temperature = temperature;
        if (cache)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var rows = trained?.ToArray() ?? Enumerable.Range(0, train.Count).ToArray();
            var predictions = Inference.Predict(teacher, train, rows);
            // On the teacher's (the student's) device, so each step's lookup stays there.
            var device = ComputeDevice.Of(teacher);
            _cachedLogits = ComputeDevice.To(tensor(predictions.Logits).reshape(rows.Length, predictions.ClassCount), device);
            var rowOf = Enumerable.Repeat(-1L, train.Count).ToArray();
            for (var r = 0; r < rows.Length; r++) rowOf[rows[r]] = r;
            _cacheRow = ComputeDevice.To(tensor(rowOf), device);
            CacheSeconds = watch.Elapsed.TotalSeconds;
        }
    }

    public string Name => "kd";

    public double Alpha { get; }

    public double Temperature { get; }

    /// <summary>The soft term's gradient grows with T (T²·KL): a confident teacher at T 4 can make a student diverge where T 2 trains.</summary>
    public string DivergenceHint => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" or the distillation temperature (now {Temperature})");

    /// <summary>Whether teacher logits come from the one-off cache (else a forward pass per step).</summary>
    public bool Cached => _cachedLogits is not null;

    /// <summary>Seconds the one-off teacher pass took (0 when not cached).</summary>
    public double CacheSeconds { get; }

    public LearnerReport Report => new()
    {
        KdAlpha = Alpha, KdTemperature = Temperature, KdTeacherCached = Cached, KdTeacherCacheSeconds = Cached ? CacheSeconds : null,
    };

    public static void Validate(double alpha, double temperature) =>
        new DistillationOptions { Alpha = alpha, Temperature = temperature }.Validate();

    public LearnerLoss Loss(LearnerBatch batch)
    {
        using var scope = NewDisposeScope();
        Tensor teacherLogits;
        if (_cachedLogits is not null)
        {
            var rows = _cacheRow!.index_select(0, batch.Indices);
            if (rows.min().item<long>() < 0) throw new InvalidOperationException("a batch holds a sample outside the cached teacher logits");
            teacherLogits = _cachedLogits.index_select(0, rows);
        }
        else
        {
            var wasTraining = _teacher.training;
            _teacher.eval();
            using (no_grad()) teacherLogits = _teacher.call(batch.Inputs);
            _teacher.train(wasTraining);
        }
        return new LearnerLoss(DistillationLoss.PerSample(batch.Logits, teacherLogits, batch.Labels, Alpha, Temperature)
            .MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _cachedLogits?.Dispose();
        _cacheRow?.Dispose();
        if (_ownsTeacher) _teacher.Dispose();
    }
}
