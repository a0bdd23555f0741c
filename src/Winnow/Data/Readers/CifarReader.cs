namespace Winnow.Data.Readers;

/// <summary>
/// The "binary version" of CIFAR-10 and CIFAR-100 (www.cs.toronto.edu/~kriz/cifar.html).
/// CIFAR-10: data_batch_1..5.bin and test_batch.bin, records of 1 label byte + 3072 pixel bytes.
/// CIFAR-100: train.bin and test.bin, records of a coarse and a fine label byte + 3072 bytes.
/// Pixels are 1024 red, 1024 green, 1024 blue, row-major: already the [3, 32, 32] layout.
/// DIR may be the extracted folder itself or its parent.
/// </summary>
public static class CifarReader
{
    private const int PixelBytes = 3 * 32 * 32;

    public static readonly string[] Cifar10Classes =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static Dataset ReadCifar10(string directory)
    {
        var root = Resolve(directory, "cifar-10-batches-bin", "data_batch_1.bin");
        var trainParts = Enumerable.Range(1, 5).Select(b => ReadRecords(Path.Combine(root, $"data_batch_{b}.bin"), 1)).ToArray();
        var test = ReadRecords(Path.Combine(root, "test_batch.bin"), 1);
        var train = new Split(
            trainParts.SelectMany(p => p.Features).ToArray(),
            trainParts.SelectMany(p => p.Fine).ToArray(),
            [3, 32, 32]);
        var names = ReadNames(Path.Combine(root, "batches.meta.txt"), Cifar10Classes);
        CheckLabels(train.Labels, 10, root);
        CheckLabels(test.Fine, 10, root);
        return new Dataset("cifar10", DatasetKind.ColorImage, train, new Split(test.Features, test.Fine, [3, 32, 32]), 10, names);
    }

    public static Dataset ReadCifar100(string directory)
    {
        var root = Resolve(directory, "cifar-100-binary", "train.bin");
        var train = ReadRecords(Path.Combine(root, "train.bin"), 2);
        var test = ReadRecords(Path.Combine(root, "test.bin"), 2);
        CheckLabels(train.Fine, 100, root);
        CheckLabels(test.Fine, 100, root);
        var names = ReadNames(Path.Combine(root, "fine_label_names.txt"), Enumerable.Range(0, 100).Select(c => $"class {c}").ToArray());
        return new Dataset("cifar100", DatasetKind.ColorImage,
            new Split(train.Features, train.Fine, [3, 32, 32]),
            new Split(test.Features, test.Fine, [3, 32, 32]),
            100, names, SuperClassOf(train.Fine, train.Coarse, root));
    }

    private static string Resolve(string directory, string innerFolder, string marker)
    {
        var inner = Path.Combine(directory, innerFolder);
        if (!File.Exists(Path.Combine(directory, marker)) && Directory.Exists(inner)) return inner;
        return directory;
    }

    private sealed record Records(float[] Features, int[] Fine, int[] Coarse);

    private static Records ReadRecords(string path, int labelBytes)
    {
        var bytes = DataFile.ReadAllBytes(path);
        var recordSize = labelBytes + PixelBytes;
        if (bytes.Length == 0 || bytes.Length % recordSize != 0)
            throw new WinnowException($"{path} is truncated or not a CIFAR binary file: {bytes.Length} bytes is not a whole number of {recordSize}-byte records");
        var count = bytes.Length / recordSize;
        var features = new float[count * PixelBytes];
        var fine = new int[count];
        var coarse = new int[count];
        for (var r = 0; r < count; r++)
        {
            var offset = r * recordSize;
            fine[r] = bytes[offset + labelBytes - 1];
            coarse[r] = labelBytes == 2 ? bytes[offset] : 0;
            for (var p = 0; p < PixelBytes; p++) features[r * PixelBytes + p] = bytes[offset + labelBytes + p];
        }
        return new Records(features, fine, coarse);
    }

    private static void CheckLabels(int[] labels, int classCount, string root)
    {
        var bad = labels.FirstOrDefault(l => l >= classCount, -1);
        if (bad >= 0) throw new WinnowException($"{root} holds label {bad}, outside the {classCount} classes of this dataset");
    }

    private static string[] ReadNames(string path, string[] fallback)
    {
        if (!File.Exists(path)) return fallback;
        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return names.Length == fallback.Length ? names : fallback;
    }

    /// <summary>Fine class → its super-class, as the training records pair them.</summary>
    private static int[] SuperClassOf(int[] fine, int[] coarse, string root)
    {
        var map = Enumerable.Repeat(-1, 100).ToArray();
        for (var i = 0; i < fine.Length; i++)
        {
            if (map[fine[i]] >= 0 && map[fine[i]] != coarse[i])
                throw new WinnowException($"{root}: fine class {fine[i]} appears under two super-classes ({map[fine[i]]} and {coarse[i]})");
            map[fine[i]] = coarse[i];
        }
        return map;
    }
}
