using System.Text;
using Winnow.Output;

namespace Winnow.Tests.Output;

public class NpyFileTests
{
    [Fact]
    public void WritesAVersion1HeaderAlignedTo64BytesAndRawLittleEndianData()
    {
        var path = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}.npy");
        try
        {
            NpyFile.Write(path, new float[] { 1f, -2.5f, float.NaN, 4f, 5f, 6f }, 2, 3);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
            int headerLength = BitConverter.ToUInt16(bytes, 8);
            Assert.Equal(0, (10 + headerLength) % 64);
            var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
            Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
            Assert.EndsWith("\n", header);
            var data = new float[6];
            Buffer.BlockCopy(bytes, 10 + headerLength, data, 0, 24);
            Assert.Equal(-2.5f, data[1]);
            Assert.True(float.IsNaN(data[2]));
            Assert.Equal(10 + headerLength + 24, bytes.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OneDimensionalShapeHasATrailingComma()
    {
        var path = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}.npy");
        try
        {
            NpyFile.Write(path, new sbyte[] { 1, 0, -1 }, 3);
            var bytes = File.ReadAllBytes(path);
            var header = Encoding.ASCII.GetString(bytes, 10, BitConverter.ToUInt16(bytes, 8));
            Assert.Contains("'descr': '|i1'", header);
            Assert.Contains("'shape': (3,)", header);
            Assert.Equal(new byte[] { 1, 0, 0xff }, bytes[^3..]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ShapeMustMatchTheData() =>
        Assert.Throws<ArgumentException>(() => NpyFile.Write(Path.GetTempFileName(), new int[5], 2, 3));
}
