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
}
