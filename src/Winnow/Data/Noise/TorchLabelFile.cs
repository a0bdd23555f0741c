using System.Globalization;
using System.Numerics;

namespace Winnow.Data.Noise;

/// <summary>
/// The CIFAR-N label files as published (CIFAR-10_human.pt, CIFAR-100_human.pt): a dict saved
/// with torch.save whose values are the labels of the full training split, one per sample —
/// numpy integer arrays in the official files; torch tensors and lists of ints are read too.
/// CIFAR-10N holds clean_label, worse_label, aggre_label and random_label1..3; CIFAR-100N
/// holds clean_label and noisy_label. Without a key, 10 classes read worse_label and 100 read
/// noisy_label; other datasets need the key unless the dict holds one set besides clean_label.
/// clean_label, when present, is the truth the noise is measured against. The file is read by
/// <see cref="RestrictedUnpickler"/>, which builds nothing outside its whitelist.
/// </summary>
public static class TorchLabelFile
{
    /// <summary>The key CIFAR-N stores its true labels under.</summary>
    public const string CleanKey = "clean_label";

    /// <summary>The noisy labels read, the file's clean labels (null without clean_label), and which key was read.</summary>
    public sealed record Labels(int[] Noisy, int[]? Clean, string Key);

    /// <summary>Whether a path names a torch.save file (.pt or .pth, any case), which this reads instead of text.</summary>
    public static bool IsTorchFile(string path) =>
        path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key read when none is given: CIFAR-N's for its class counts, else the only one besides clean_label.</summary>
    public static string? DefaultKey(int classCount) => classCount switch
    {
        10 => "worse_label",
        100 => "noisy_label",
        _ => null,
    };

    /// <param name="key">The dict key to read, or null for the default by class count.</param>
    public static Labels Read(string path, string? key, int trainCount, int classCount)
    {
        var file = TorchSaveFile.Read(path);
        if (file.Root is not PyDict dict)
            throw new WinnowException($"{path} holds a {RestrictedUnpickler.Describe(file.Root)}, not a dict of label arrays (CIFAR-N's clean_label, worse_label, …)");
        var keys = dict.Items.Keys.OfType<string>().ToArray();
        var shownKeys = string.Join(", ", dict.Items.Keys.Select(k => k is string name ? RestrictedUnpickler.Printable(name) : RestrictedUnpickler.Describe(k)));
        var chosen = key ?? Choose(path, keys, shownKeys, classCount);
        if (!dict.Items.TryGetValue(chosen, out var value))
            throw new WinnowException($"{path} has no key '{RestrictedUnpickler.Printable(chosen)}'; its keys are {shownKeys}");

        var shown = RestrictedUnpickler.Printable(chosen);
        var noisy = ToLabels(file, shown, value, trainCount, classCount);
        var clean = chosen != CleanKey && dict.Items.TryGetValue(CleanKey, out var truth) ? ToLabels(file, CleanKey, truth, trainCount, classCount) : null;
        return new Labels(noisy, chosen == CleanKey ? noisy : clean, shown);
    }

    private static string Choose(string path, string[] keys, string shownKeys, int classCount)
    {
        if (DefaultKey(classCount) is { } cifarN && keys.Contains(cifarN)) return cifarN;
        var noisy = keys.Where(k => k != CleanKey).ToArray();
        return noisy.Length switch
        {
            1 => noisy[0],
            0 => throw new WinnowException($"{path} holds no noisy labels (its keys: {shownKeys})"),
            _ => throw new WinnowException($"{path} holds {noisy.Length} label sets ({string.Join(", ", noisy.Select(RestrictedUnpickler.Printable))}) and none is the default for {classCount} classes; name one as file:{path}:KEY"),
        };
    }

    /// <summary>One dict value as labels: an integer array, tensor or list, one per training sample, each a class.</summary>
    private static int[] ToLabels(TorchSaveFile file, string key, object? value, int trainCount, int classCount)
    {
        var path = file.Path;
        long[] values = value switch
        {
            NumpyArray array => FromArray(path, key, array, trainCount),
            TorchTensor tensor => FromTensor(file, key, tensor, trainCount),
            List<object?> list => FromList(path, key, list, trainCount),
            _ => throw new WinnowException($"{path}: {key} holds a {RestrictedUnpickler.Describe(value)}, not labels"),
        };
        var labels = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < 0 || values[i] >= classCount)
                throw new WinnowException($"{path}: {key}[{i}] is {values[i]}, not a class in 0..{classCount - 1}");
            labels[i] = (int)values[i];
        }
        return labels;
    }

    private static long[] FromArray(string path, string key, NumpyArray array, int trainCount)
    {
        if (array.HoldsObjects) throw new WinnowException($"{path}: {key} is a numpy array of Python objects, not of integer labels");
        if (array is not { Shape: { } shape, Dtype: { } dtype, Data: { } data })
            throw new WinnowException($"{path}: {key} holds a malformed numpy array, not labels");
        var type = dtype.Type ?? throw new WinnowException($"{path}: {key} holds numpy '{dtype.Code}' values, not integer labels");
        var count = CheckShape(path, key, shape, trainCount, "array");
        if (!type.IsInteger) throw new WinnowException($"{path}: {key} holds {type.Name} values, not integer labels");
        if (data.Length != count * type.Size) throw new WinnowException($"{path}: {key} holds a malformed numpy array ({data.Length} bytes for {count} {type.Name} values)");
        var values = new long[count];
        for (var i = 0; i < count; i++) values[i] = type.Read(data, i, dtype.BigEndian);
        return values;
    }

    private static long[] FromTensor(TorchSaveFile file, string key, TorchTensor tensor, int trainCount)
    {
        var path = file.Path;
        if (tensor.Stride.Length != tensor.Size.Length) throw new WinnowException($"{path}: {key} holds a malformed tensor, not labels");
        var count = CheckShape(path, key, tensor.Size, trainCount, "tensor");
        var type = tensor.Storage.Type;
        if (!type.IsInteger) throw new WinnowException($"{path}: {key} holds {type.Name} values, not integer labels");
        var stride = count > 1 ? tensor.Stride[0] : 0;
        if (stride > tensor.Storage.Numel || tensor.Offset > tensor.Storage.Numel)
            throw new WinnowException($"{path}: {key} holds a tensor that reads past its storage: the file is corrupt");
        var needed = count == 0 ? 0 : tensor.Offset + (count - 1) * stride + 1;
        var bytes = file.Elements(tensor.Storage, needed).Span;
        var values = new long[count];
        for (var i = 0; i < count; i++) values[i] = type.Read(bytes, tensor.Offset + i * stride, bigEndian: false);
        return values;
    }

    private static long[] FromList(string path, string key, List<object?> list, int trainCount)
    {
        CheckCount(path, key, list.Count, trainCount);
        var values = new long[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            values[i] = list[i] switch
            {
                long n => n,
                BigInteger big => throw new WinnowException($"{path}: {key}[{i}] is {big}, not a class"),
                double d => throw new WinnowException($"{path}: {key}[{i}] is {d.ToString("R", CultureInfo.InvariantCulture)}, not an integer label"),
                var other => throw new WinnowException($"{path}: {key}[{i}] is a {RestrictedUnpickler.Describe(other)}, not an integer label"),
            };
        }
        return values;
    }

    /// <summary>Labels are one-dimensional and cover the full training split, like a text label file.</summary>
    private static int CheckShape(string path, string key, long[] shape, int trainCount, string what)
    {
        if (shape.Length != 1)
            throw new WinnowException($"{path}: {key} is a {shape.Length}-dimensional {what} [{string.Join(", ", shape)}]; labels are one per sample");
        CheckCount(path, key, shape[0], trainCount);
        return trainCount;
    }

    private static void CheckCount(string path, string key, long count, int trainCount)
    {
        if (count != trainCount)
            throw new WinnowException($"{path}: {key} holds {count} labels but the training split has {trainCount} samples — a label file of another split?");
    }
}
