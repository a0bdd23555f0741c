using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using Winnow.Data;
using Winnow.Data.Images;
using Winnow.Data.Noise;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// Image folders: how long decoding into the cache takes per 1,000 images at 32 and 224 pixels
/// (Fashion-MNIST's images written as PNG files, resized up), and one training epoch streamed from
/// the cache against the same samples held in memory, in alternating pairs in one process.
/// </summary>
public static class ImageCacheBench
{
    public static int Run(string[] args)
    {
        var count = BenchArgs.Int(args, "--images", 6000);
        var pairs = BenchArgs.Int(args, "--pairs", 4);
        var root = Path.Combine(Path.GetTempPath(), $"winnow-image-bench-{Environment.ProcessId}");
        try
        {
            var folder = WriteImages(Path.Combine(root, "images"), count);
            Console.WriteLine($"{count} Fashion-MNIST images as 28×28 gray PNG files");
            foreach (var size in new[] { 32, 224 })
            {
                var watch = Stopwatch.StartNew();
                using (ImageFolder.Load(folder, null, new ImageFolderOptions(ImageSize: size, CacheDir: Path.Combine(root, $"cache-{size}")))) { }
                var built = watch.Elapsed.TotalSeconds;
                watch.Restart();
                using (ImageFolder.Load(folder, null, new ImageFolderOptions(ImageSize: size, CacheDir: Path.Combine(root, $"cache-{size}")))) { }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cache at {size}×{size}: built in {built:F2} s ({built / count * 1000:F2} s per 1,000 images); reopened unchanged in {watch.Elapsed.TotalSeconds:F2} s"));
            }

            using var stored = DataPipeline.Prepare(new DataSpec { Dataset = $"folder:{folder}", CacheDir = Path.Combine(root, "cache-native") }, seed: 0);
            using var dataset = DatasetCatalog.Load(new DataSpec { Dataset = $"folder:{folder}", CacheDir = Path.Combine(root, "cache-native") }, seed: 0);
            var inMemory = new Dataset(dataset.Name, dataset.Kind, InMemory(dataset.Train), InMemory(dataset.Test), dataset.ClassCount, dataset.ClassNames);
            using var memory = DataPipeline.Prepare(inMemory, NoiseSpec.None, null, seed: 0);
            var options = new TrainerOptions { Epochs = 1, BatchSize = 128 };
            Epoch(stored.Train, options);
            Epoch(memory.Train, options);
            Console.WriteLine($"one epoch of {stored.Train.Count} samples, small-cnn, batch 128: cache / memory");
            var ratios = new List<double>();
            for (var p = 0; p < pairs; p++)
            {
                double cache, held;
                if (p % 2 == 0) { cache = Epoch(stored.Train, options); held = Epoch(memory.Train, options); }
                else { held = Epoch(memory.Train, options); cache = Epoch(stored.Train, options); }
                ratios.Add(cache / held);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {p + 1} | {cache:F2} | {held:F2} | {cache / held:F3} |"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio {BenchRuns.Median(ratios):F3}"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static Split InMemory(Split stored) => new(stored.Features, stored.Labels, stored.SampleShape);

    private static double Epoch(SampleSet train, TrainerOptions options)
    {
        random.manual_seed(1);
        using var model = ModelCatalog.Create("small-cnn", train.SampleShape.Select(d => (int)d).ToArray(), train.ClassCount);
        using var trainer = new Trainer(model, train, options, seed: 1);
        var watch = Stopwatch.StartNew();
        trainer.TrainEpoch(EpochPlan.All(train.Count));
        return watch.Elapsed.TotalSeconds;
    }

    private static string WriteImages(string folder, int count)
    {
        var fashion = DatasetCatalog.Load(new DataSpec(), seed: 0);
        var names = DatasetCatalog.FashionMnistClasses;
        for (var i = 0; i < count; i++)
        {
            var label = fashion.Train.Labels[i];
            var directory = Path.Combine(folder, names[label].Replace('/', '-'));
            Directory.CreateDirectory(directory);
            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = new byte[784];
            for (var k = 0; k < 784; k++) pixels[k] = (byte)fashion.Train.Features[i * 784 + k];
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), 784);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(directory, $"{i:D6}.png"), data.ToArray());
        }
        return folder;
    }
}
