using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Data.Storage;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Data.Storage;

/// <summary>The same images held in memory and streamed from a cache file: the same data, batches and training, to the bit.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public sealed class StoredSplitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private (Dataset InMemory, Dataset Stored) Both(int train = 90, int test = 12)
    {
        var random = new Random(3);
        var shape = new[] { 1, 8, 8 };
        var pixels = new byte[(train + test) * 64];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, train + test).Select(i => i % 3).ToArray();
        var path = Path.Combine(_folder.Path, "cache.bin");
        using (var writer = new SampleCacheFile.Writer(path, train + test, shape, "test"))
        {
            for (var i = 0; i < train + test; i++) writer.Append(pixels.AsSpan(i * 64, 64));
            writer.Commit();
        }
        var cache = SampleCacheFile.Open(path);
        Split Memory(int from, int count) => new(pixels.Skip(from * 64).Take(count * 64).Select(b => (float)b).ToArray(), labels[from..(from + count)], shape);
        Split Stored(int from, int count) => new(cache, Enumerable.Range(from, count).ToArray(), labels[from..(from + count)]);
        string[] names = ["a", "b", "c"];
        return (new Dataset("imgs", DatasetKind.GrayImage, Memory(0, train), Memory(train, test), 3, names),
                new Dataset("imgs", DatasetKind.GrayImage, Stored(0, train), Stored(train, test), 3, names));
    }

    [Fact]
    public void StreamingGivesTheBatchesTheInMemoryPathGives()
    {
        var (memory, stored) = Both();
        using var a = DataPipeline.Prepare(memory, NoiseSpec.Parse("symmetric:0.3"), 60, seed: 2);
        using var b = DataPipeline.Prepare(stored, NoiseSpec.Parse("symmetric:0.3"), 60, seed: 2);
        Assert.False(a.Train.IsStored);
        Assert.True(b.Train.IsStored);
        Assert.Equal(a.Identity, b.Identity);
        Assert.Equal(a.SourceIndices, b.SourceIndices);
        Assert.Equal(a.Train.Labels, b.Train.Labels);
        using var rows = tensor(new long[] { 5, 0, 59, 17, 17 });
        using var x = a.Train.InputsAt(rows, CPU);
        using var y = b.Train.InputsAt(rows, CPU);
        Assert.Equal(x.shape, y.shape);
        Assert.Equal(x.data<float>().ToArray(), y.data<float>().ToArray());
        using var tx = a.Test.InputsAt(rows.narrow(0, 0, 2), CPU);
        using var ty = b.Test.InputsAt(rows.narrow(0, 0, 2), CPU);
        Assert.Equal(tx.data<float>().ToArray(), ty.data<float>().ToArray());
    }

    [Fact]
    public void TrainingFromTheCacheRecordsWhatTrainingFromMemoryRecords()
    {
        var (memory, stored) = Both();
        var spec = new RunSpec { Data = new DataSpec { Dataset = "unused" }, Seed = 4, Trainer = new TrainerOptions { Epochs = 2, BatchSize = 16, Augment = Augmentation.Weak } };
        float[] Losses(Dataset dataset)
        {
            using var data = DataPipeline.Prepare(dataset, NoiseSpec.Parse("symmetric:0.2"), null, seed: 4);
            using var run = RunTraining.Train(spec, data, ModelRecipe.For("small-cnn", data.Train), null, null, null, null, CancellationToken.None, evaluateEveryEpoch: true);
            return run.Trainer.Trajectory!.LossMatrix();
        }
        Assert.Equal(Losses(memory), Losses(stored));
    }

    public void Dispose() => _folder.Dispose();
}
