using System.Buffers.Binary;

namespace Winnow.Data.Readers;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (raw or .gz): two zero bytes, a type byte
/// (0x08 = unsigned byte, the only type these datasets use), the number of dimensions, each
/// dimension as a big-endian int32, then the data in row-major order.
/// </summary>
public static class IdxReader
{
    /// <summary>Reads one IDX file of unsigned bytes.</summary>
    public static (int[] Dimensions, byte[] Data) Read(string path)
    {
        var bytes = DataFile.ReadAllBytes(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new WinnowException($"{path} is not an IDX file (it does not start with the IDX magic number)");
        if (bytes[2] != 0x08)
            throw new WinnowException($"{path} holds IDX type 0x{bytes[2]:x2}; only unsigned bytes (0x08) are supported");
        int rank = bytes[3];
        var headerSize = 4 + 4 * rank;
        if (rank == 0 || bytes.Length < headerSize) throw new WinnowException($"{path} is truncated: its IDX header is incomplete");
        var dimensions = new int[rank];
        long expected = 1;
        for (var d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimensions[d] < 0) throw new WinnowException($"{path} has a negative IDX dimension");
            expected *= dimensions[d];
        }
        var actual = bytes.Length - headerSize;
        if (actual < expected)
            throw new WinnowException($"{path} is truncated: its header promises {expected} bytes of data, the file holds {actual}");
        return (dimensions, bytes.AsSpan(headerSize, (int)expected).ToArray());
    }

    /// <summary>Reads an image file [N, H, W] and its label file [N] into a split of 1-channel images (pixels 0–255).</summary>
    public static Split ReadSplit(string imagesPath, string labelsPath)
    {
        var (imageDims, pixels) = Read(imagesPath);
        var (labelDims, labelBytes) = Read(labelsPath);
        if (imageDims.Length != 3) throw new WinnowException($"{imagesPath} is not an image file: expected 3 IDX dimensions [N, H, W], found {imageDims.Length}");
        if (labelDims.Length != 1) throw new WinnowException($"{labelsPath} is not a label file: expected 1 IDX dimension, found {labelDims.Length}");
        if (imageDims[0] != labelDims[0])
            throw new WinnowException($"{imagesPath} holds {imageDims[0]} images but {labelsPath} holds {labelDims[0]} labels");

        var features = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++) features[i] = pixels[i];
        var labels = labelBytes.Select(b => (int)b).ToArray();
        return new Split(features, labels, [1, imageDims[1], imageDims[2]]);
    }

    /// <summary>
    /// Classes 0..the largest training label, for IDX data whose classes are not known in
    /// advance. A class below the largest label with no training sample means a corrupt label
    /// byte (a Fashion-MNIST label of 200 would otherwise make 201 classes): refused, naming the
    /// record that holds the largest label.
    /// </summary>
    public static int InferClassCount(int[] labels, string path)
    {
        if (labels.Length == 0) throw new WinnowException($"{path} holds no label");
        var largest = labels.Max();
        var present = labels.ToHashSet();
        var missing = Enumerable.Range(0, largest).Where(c => !present.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new WinnowException(
                $"{path}: record {Array.IndexOf(labels, largest)} holds label {largest}, but no record has label {Describe(missing)}; the labels of an IDX dataset must be the classes 0..C−1 (a corrupt label byte?)");
        return largest + 1;
    }

    /// <summary>Refuses a label outside 0..classCount−1, naming the file and the record (0-based).</summary>
    public static void CheckLabels(int[] labels, int classCount, string path)
    {
        var record = Array.FindIndex(labels, l => l < 0 || l >= classCount);
        if (record >= 0)
            throw new WinnowException($"{path}: record {record} holds label {labels[record]}, outside the {classCount} classes 0..{classCount - 1} of this dataset");
    }

    private static string Describe(int[] classes) =>
        classes.Length == 1 ? $"{classes[0]}" : classes.Length <= 5 ? string.Join(", ", classes) : $"{classes[0]}–{classes[^1]} ({classes.Length} classes)";
}
