using System.Text.Json;
using SkiaSharp;
using Winnow.Tests.Support;

namespace Winnow.Tests.Cli;

/// <summary>A class-per-folder image dataset from the command line: trained, pruned and detected, decoded once.</summary>
public sealed class ImageFolderCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>Three classes of 8×8 gray PNGs (bright, dark and striped, with noise) under TRAIN/NAME/.</summary>
    private string Images(int perClass = 20)
    {
        var root = Path.Combine(_folder.Path, "images");
        var random = new Random(5);
        foreach (var (name, c) in new[] { ("bright", 0), ("dark", 1), ("striped", 2) })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (var i = 0; i < perClass; i++)
            {
                using var bitmap = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Gray8, SKAlphaType.Opaque));
                for (var y = 0; y < 8; y++)
                for (var x = 0; x < 8; x++)
                {
                    var v = c switch { 0 => 200, 1 => 40, _ => x % 2 == 0 ? 220 : 20 } + random.Next(-20, 20);
                    bitmap.SetPixel(x, y, new SKColor((byte)v, (byte)v, (byte)v));
                }
                using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(root, name, $"{i:D2}.png"), data.ToArray());
            }
        }
        return root;
    }

    [Fact]
    public void AFolderTrainsPrunesAndDetectsFromItsCache()
    {
        var images = Images();
        var cache = Path.Combine(_folder.Path, "cache");
        string[] Common(string output) => ["--dataset", $"folder:{images}", "--cache-dir", cache, "--epochs", "2", "--batch-size", "16", "--out", Path.Combine(_folder.Path, output)];

        var train = CliProcess.Run(["train", .. Common("train")]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("decoding images into the cache: 60/60", train.Stderr);
        Assert.Contains("images: 48 train / 12 test samples, 3 classes", train.Stderr);
        Assert.Equal(["bright", "dark", "striped"], JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(_folder.Path, "train", "classes.json")))!);

        // Nothing is decoded twice: the prune and detect runs read the cache.
        var prune = CliProcess.Run(["prune", .. Common("prune"), "--method", "el2n", "--fraction", "0.5"]);
        Assert.True(prune.ExitCode == 0, prune.Stderr);
        Assert.DoesNotContain("decoding images", prune.Stderr);
        var kept = File.ReadAllLines(Path.Combine(_folder.Path, "prune", "selection_paths.csv"));
        Assert.Equal("index,path", kept[0]);
        Assert.Equal(24, kept.Length - 1);
        Assert.All(kept.Skip(1), line => Assert.Matches(@"^\d+,(bright|dark|striped)/\d\d\.png$", line));

        var detect = CliProcess.Run(["detect", .. Common("detect"), "--folds", "2"]);
        Assert.True(detect.ExitCode == 0, detect.Stderr);
        var issues = File.ReadAllLines(Path.Combine(_folder.Path, "detect", "label_issues.csv"));
        Assert.EndsWith(",path", issues[0]);
        // Each row's path names the folder of its given class.
        Assert.All(issues.Skip(1).Select(l => l.Split(',')), f => Assert.StartsWith(f[4] + "/", f[^1]));
    }

    [Fact]
    public void BadFoldersAndImageOptionsAreOneLine()
    {
        var empty = Path.Combine(_folder.Path, "empty");
        Directory.CreateDirectory(empty);
        var none = CliProcess.Run("train", "--dataset", $"folder:{empty}", "--out", Path.Combine(_folder.Path, "o1"));
        Assert.Equal(2, none.ExitCode);
        TrainCommandTests.AssertOneLineError(none, "empty folder");
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "o1")));

        var images = Images(perClass: 5);
        File.WriteAllText(Path.Combine(images, "dark", "broken.png"), "not an image");
        var broken = CliProcess.Run("train", "--dataset", $"folder:{images}", "--cache-dir", Path.Combine(_folder.Path, "c"), "--out", Path.Combine(_folder.Path, "o2"));
        Assert.Contains("broken.png", TrainCommandTests.AssertOneLineError(broken, "corrupt image"));
        var skipped = CliProcess.Run("train", "--dataset", $"folder:{images}", "--skip-bad-images", "--epochs", "1", "--cache-dir", Path.Combine(_folder.Path, "c"),
            "--out", Path.Combine(_folder.Path, "o3"));
        Assert.True(skipped.ExitCode == 0, skipped.Stderr);
        Assert.EndsWith("dark/broken.png", File.ReadAllText(Path.Combine(_folder.Path, "o3", "skipped_images.txt")).Trim());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, "o3", "metrics.json")));
        Assert.Equal(1, metrics.RootElement.GetProperty("skipped_images").GetInt32());

        var misplaced = CliProcess.Run("train", "--image-size", "32", "--out", Path.Combine(_folder.Path, "o4"));
        Assert.Equal("error: --image-size applies to folder: datasets only", TrainCommandTests.AssertOneLineError(misplaced, "image size on idx"));
    }

    public void Dispose() => _folder.Dispose();
}
