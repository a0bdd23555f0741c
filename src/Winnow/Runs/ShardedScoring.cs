using System.Diagnostics;
using System.Globalization;
using Winnow.Experiments;
using Winnow.Output;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// One large selection scored by many workers: <see cref="TrainSurrogates"/> trains and saves the
/// surrogates once (<c>winnow prune --surrogate-only --out DIR</c>); <see cref="ScoreShard"/>
/// scores one shard's samples from them on any worker (<c>--from DIR --score-shard K/N</c>, or a
/// job array's task); <see cref="Merge"/> joins the shards' scores and selects
/// (<c>--merge DIR --fraction f</c>). Shards' scores are the unsharded scores bit for bit (see
/// <see cref="ScoreRange"/>), so the merged selection is the unsharded selection. For methods that
/// rank per-sample scores (<see cref="RankedMethod"/>); CCS, Moderate and Prune4ReL select over
/// all samples at once.
/// </summary>
public static class ShardedScoring
{
    /// <summary>Trains the surrogates <paramref name="spec"/>'s method scores from and saves them as <paramref name="directory"/> (written whole or not at all).</summary>
    public static SurrogateManifest TrainSurrogates(RunSpec spec, string directory, bool overwrite, IProgress<RunProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        spec.Validate();
        var pruning = spec.Pruning as StaticPruning ?? throw new WinnowException("--surrogate-only trains the surrogates of a static pruning method (--method)");
        var method = Ranked(pruning.Method);
        var device = ComputeDevice.Resolve(spec.Device);
        spec = spec with { Device = ComputeDevice.NameOf(device) };
        OutputFolder.Check(directory, overwrite);
        using var resources = new SingleRunResources();
        var (data, _, model, _) = Runner.Prepare(spec, device, resources, progress, cancellation);
        progress?.Report(new RunProgress("scoring"));
        using var context = new ScoringContext(data.Train, pruning.Scoring, model, spec.Trainer, spec.Seed, Runner.Phase(progress, "scoring"), cancellation, spec.Learner);
        SurrogateManifest? manifest = null;
        OutputFolder.Write(directory, overwrite, folder =>
        {
            var writer = new SurrogateWriter(folder, new Checkpoint(model.Name, model.SampleShape, model.ClassCount, context.Surrogate.Epochs));
            method.TrainSurrogates(context, writer);
            manifest = new SurrogateManifest(SurrogateManifest.CurrentFormat, spec, CoresetStage.ScoringKey(spec, pruning), method.Name, data.Identity,
                writer.Runs, writer.Partitions, context.SurrogateSeconds, context.SurrogateSamplesBackpropagated);
            SurrogateFolder.Finish(folder, manifest);
        });
        return manifest!;
    }

    /// <summary>
    /// Scores shard <paramref name="shard"/>'s samples from the surrogates saved in <paramref name="directory"/> and
    /// writes <c>scores/shard-K-of-N.json</c>; a shard already scored is read back, not scored again.
    /// </summary>
    public static ShardScores ScoreShard(string directory, GridShard shard, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        var folder = SurrogateFolder.Open(directory);
        var manifest = folder.Manifest;
        var path = SurrogateFolder.ScoresPath(directory, shard.Name);
        if (File.Exists(path))
        {
            var done = ReadShard(path, manifest);
            if (done.Shard == shard.Index && done.Shards == shard.Count) return done;
        }
        var spec = manifest.Spec;
        var method = Ranked(manifest.Method);
        var device = ComputeDevice.Resolve(spec.Device);
        using var resources = new SingleRunResources();
        var (data, _, model, _) = Runner.Prepare(spec, device, resources, progress, cancellation);
        if (data.Identity != manifest.Data)
            throw new WinnowException($"this training set ({data.Identity.Count} samples, sha256 {data.Identity.Sha256[..12]}…) is not the one {directory}'s surrogates were trained on (sha256 {manifest.Data.Sha256[..12]}…)");
        progress?.Report(new RunProgress("scoring"));
        var range = ScoreRange.Shard(shard.Index, shard.Count, data.Train.Count);
        using var context = ScoringContext.FromSaved(folder, data.Train, model, spec.Seed, cancellation);
        var watch = Stopwatch.StartNew();
        var scores = method.Score(context.ForRange(range));
        var result = new ShardScores(manifest.ScoringKey, method.Name, scores.Keep, shard.Index, shard.Count, range.From, range.To, scores.Values,
            watch.Elapsed.TotalSeconds);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Json.Write(path, result);
        return result;
    }

    /// <summary>
    /// Joins every shard's scores and selects <paramref name="fraction"/> of the samples as the
    /// unsharded run of the saved spec would (class balance as saved; training the selection when
    /// <paramref name="train"/>).
    /// </summary>
    /// <exception cref="WinnowException">A shard is missing, the shards were made with different counts, or for other surrogates.</exception>
    public static RunResult Merge(string directory, double fraction, bool train, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        var folder = SurrogateFolder.Open(directory);
        var manifest = folder.Manifest;
        var shards = ReadShards(directory, manifest);
        var count = manifest.Data.Count;
        var values = new float[count];
        foreach (var shard in shards)
        {
            var expected = ScoreRange.Shard(shard.Shard, shard.Shards, count);
            if (shard.From != expected.From || shard.To != expected.To || shard.Values.Length != expected.Count)
                throw new WinnowException($"{ShardFile(directory, shard)} holds samples [{shard.From}, {shard.To}) ({shard.Values.Length} scores), not shard {shard.Shard} of {shard.Shards}'s {expected}");
            shard.Values.CopyTo(values, shard.From);
        }
        var merged = new SampleScores(manifest.Method, values, shards[0].Keep);
        var pruning = (StaticPruning)manifest.Spec.Pruning with { Fraction = fraction, Train = train };
        var spec = manifest.Spec with { Pruning = pruning };
        return Runner.ExecuteOwning(spec, new MergedScoringResources(manifest, merged, shards.Sum(s => s.Seconds)), progress, cancellation);
    }

    private static RankedMethod Ranked(string name) =>
        CoresetMethods.Create(name) as RankedMethod
        ?? throw new WinnowException($"{name} selects over all samples at once, so it is not scored in shards; sharded scoring takes the methods that rank per-sample scores");

    /// <summary>Every shard's scores, 1 to N, all of one N; the missing ones named.</summary>
    private static IReadOnlyList<ShardScores> ReadShards(string directory, SurrogateManifest manifest)
    {
        var scores = Path.Combine(directory, SurrogateFolder.ScoresFolder);
        var files = Directory.Exists(scores) ? Directory.GetFiles(scores, "shard-*-of-*.json") : [];
        if (files.Length == 0) throw new WinnowException($"{directory} has no scored shard yet: run 'winnow prune --from {directory} --score-shard K/N' for every K");
        var shards = files.Select(f => ReadShard(f, manifest)).ToArray();
        var counts = shards.Select(s => s.Shards).Distinct().Order().ToArray();
        if (counts.Length > 1)
            throw new WinnowException($"{scores} holds shards of {string.Join(" and ", counts)}-way splits: keep the files of one (shard-K-of-N.json) and remove the others");
        var total = counts[0];
        var missing = Enumerable.Range(1, total).Except(shards.Select(s => s.Shard)).ToArray();
        if (missing.Length > 0)
            throw new WinnowException($"{directory} lacks shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} of {total}: score {(missing.Length > 1 ? "them" : "it")} with --from {directory} --score-shard K/{total}");
        return shards.OrderBy(s => s.Shard).ToArray();
    }

    private static ShardScores ReadShard(string path, SurrogateManifest manifest)
    {
        var shard = Json.Read<ShardScores>(path);
        if (shard.ScoringKey != manifest.ScoringKey || shard.Method != manifest.Method)
            throw new WinnowException($"{path} was scored from other surrogates ({shard.Method}) than this folder's ({manifest.Method}): remove it and score that shard again");
        return shard;
    }

    private static string ShardFile(string directory, ShardScores shard) =>
        SurrogateFolder.ScoresPath(directory, new GridShard(shard.Shard, shard.Shards).Name);
}
