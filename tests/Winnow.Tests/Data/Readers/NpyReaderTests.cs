using System.IO.Compression;
using System.Text.Json;
using Winnow.Data.Readers;
using Winnow.Output;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Readers;

public class NpyReaderTests
{
    private static NpyArray ReadBytes(byte[] file, string name = "a.npy")
    {
        using var folder = new TempFolder();
        System.IO.File.WriteAllBytes(folder.File(name), file);
        return NpyReader.Read(folder.File(name));
    }

    private static string Error(byte[] file)
    {
        using var folder = new TempFolder();
        System.IO.File.WriteAllBytes(folder.File("bad.npy"), file);
        var message = Assert.Throws<WinnowException>(() => NpyReader.Read(folder.File("bad.npy"))).Message;
        Assert.Contains(folder.File("bad.npy"), message);
        Assert.DoesNotContain('\n', message);
        return message;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryFormatVersionReads(int major)
    {
        var array = ReadBytes(NpyBytes.File("<f4", [2, 3], NpyBytes.Of(new[] { 1f, 2f, 3f, 4f, 5f, -6.5f }), major));

        Assert.Equal([2, 3], array.Shape);
        Assert.Equal("float32", array.Dtype.Name);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, -6.5f], (float[])array.Data);
    }

    [Fact]
    public void Version3HeaderIsUtf8()
    {
        // A 3.0 header may hold text beyond latin-1 (field names); its length counts UTF-8 bytes.
        var header = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), 'note': 'größe ✓', }";
        var array = ReadBytes(NpyBytes.File(header, NpyBytes.Of(new short[] { -3, 300 }), major: 3));
        Assert.Equal([-3, 300], (short[])array.Data);
        // Read as latin-1, the text in the message would be mojibake.
        Assert.Contains("'note': 'größe ✓'", Error(NpyBytes.File("{'descr': '<i2', 'fortran_order': False, 'note': 'größe ✓'}", new byte[4], major: 3)));
    }

    public static TheoryData<string, byte[], Array> Dtypes => new()
    {
        { "<f2", NpyBytes.Of(new[] { (Half)1.5, (Half)(-2) }), new[] { (Half)1.5, (Half)(-2) } },
        { "<f4", NpyBytes.Of(new[] { 0.25f, -1e30f }), new[] { 0.25f, -1e30f } },
        { "<f8", NpyBytes.Of(new[] { Math.PI, -1e300 }), new[] { Math.PI, -1e300 } },
        { "|i1", NpyBytes.Of(new sbyte[] { -128, 127 }), new sbyte[] { -128, 127 } },
        { "<i2", NpyBytes.Of(new short[] { -32768, 12345 }), new short[] { -32768, 12345 } },
        { "<i4", NpyBytes.Of(new[] { int.MinValue, 7 }), new[] { int.MinValue, 7 } },
        { "<i8", NpyBytes.Of(new[] { long.MinValue, 1L << 40 }), new[] { long.MinValue, 1L << 40 } },
        { "|u1", new byte[] { 0, 255 }, new byte[] { 0, 255 } },
        { "<u2", NpyBytes.Of(new ushort[] { 65535, 2 }), new ushort[] { 65535, 2 } },
        { "<u4", NpyBytes.Of(new[] { uint.MaxValue, 3u }), new[] { uint.MaxValue, 3u } },
        { "<u8", NpyBytes.Of(new[] { ulong.MaxValue, 4ul }), new[] { ulong.MaxValue, 4ul } },
    };

    [Theory]
    [MemberData(nameof(Dtypes))]
    public void EachNumericDtypeReadsToItsOwnType(string descr, byte[] data, Array expected)
    {
        var array = ReadBytes(NpyBytes.File(descr, [2], data));
        Assert.Equal(expected.GetType(), array.Data.GetType());
        Assert.Equal(expected.Cast<object>(), array.Data.Cast<object>());
    }

    [Fact]
    public void BigEndianValuesAreSwapped()
    {
        Assert.Equal([1.5f, -2.25f, 3e9f], (float[])ReadBytes(NpyBytes.File(">f4", [3], NpyBytes.Of(new[] { 1.5f, -2.25f, 3e9f }, bigEndian: true))).Data);
        Assert.Equal([-1e-300, 2.5], (double[])ReadBytes(NpyBytes.File(">f8", [2], NpyBytes.Of(new[] { -1e-300, 2.5 }, bigEndian: true))).Data);
        Assert.Equal([-2L, 1L << 50], (long[])ReadBytes(NpyBytes.File(">i8", [2], NpyBytes.Of(new[] { -2L, 1L << 50 }, bigEndian: true))).Data);
        Assert.Equal([(ushort)258, (ushort)1], (ushort[])ReadBytes(NpyBytes.File(">u2", [2], [1, 2, 0, 1])).Data);
        Assert.Equal(["cat", "ox"], (string[])ReadBytes(NpyBytes.File(">U3", [2], NpyBytes.Strings(["cat", "ox"], 3, unicode: true, bigEndian: true))).Data);
        // One byte has no order: '>' and '|' read alike.
        Assert.Equal([(byte)9, (byte)200], (byte[])ReadBytes(NpyBytes.File(">u1", [2], [9, 200])).Data);
    }

    [Fact]
    public void FortranOrderBecomesCOrder()
    {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        var matrix = ReadBytes(NpyBytes.File("<i4", [2, 3], NpyBytes.Of(new[] { 1, 4, 2, 5, 3, 6 }), fortranOrder: true));
        Assert.Equal([2, 3], matrix.Shape);
        Assert.Equal([1, 2, 3, 4, 5, 6], (int[])matrix.Data);

        // 3-D: element [i, j, k] = 100i + 10j + k, stored with i varying fastest.
        var fortran = new List<int>();
        for (var k = 0; k < 4; k++) for (var j = 0; j < 3; j++) for (var i = 0; i < 2; i++) fortran.Add(100 * i + 10 * j + k);
        var cube = ReadBytes(NpyBytes.File("<i4", [2, 3, 4], NpyBytes.Of(fortran.ToArray()), fortranOrder: true));
        var expected = new List<int>();
        for (var i = 0; i < 2; i++) for (var j = 0; j < 3; j++) for (var k = 0; k < 4; k++) expected.Add(100 * i + 10 * j + k);
        Assert.Equal(expected, (int[])cube.Data);

        // Big-endian and Fortran order together, and strings.
        Assert.Equal([1.0, 2.0, 3.0, 4.0], (double[])ReadBytes(NpyBytes.File(">f8", [2, 2], NpyBytes.Of(new[] { 1.0, 3.0, 2.0, 4.0 }, bigEndian: true), fortranOrder: true)).Data);
        Assert.Equal(["a", "b", "c", "d"], (string[])ReadBytes(NpyBytes.File("|S1", [2, 2], "acbd"u8.ToArray(), fortranOrder: true)).Data);
    }

    [Fact]
    public void FixedWidthStringsDropTheirPadding()
    {
        var unicode = ReadBytes(NpyBytes.File("<U5", [3], NpyBytes.Strings(["cat", "horse", "é✓"], 5, unicode: true)));
        Assert.Equal("str", unicode.Dtype.Name);
        Assert.Equal(["cat", "horse", "é✓"], (string[])unicode.Data);
        var bytes = ReadBytes(NpyBytes.File("|S3", [2], NpyBytes.Strings(["ab", "xyz"], 3, unicode: false)));
        Assert.Equal("bytes", bytes.Dtype.Name);
        Assert.Equal(["ab", "xyz"], (string[])bytes.Data);
    }

    [Theory]
    [InlineData("{'descr':'<i4','fortran_order':False,'shape':(2,3)}", new[] { 2, 3 })]
    [InlineData("  { 'shape' : ( 2 , 3 , ) ,\t'fortran_order' : False , 'descr' : '<i4' , }  ", new[] { 2, 3 })]
    [InlineData("{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (6,)}", new[] { 6 })]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }", new[] { 2, 3 })]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': [6], 'extra': {'a': None}, }", new[] { 6 })]
    public void HeaderSpellingsAreTolerated(string header, int[] shape)
    {
        var array = ReadBytes(NpyBytes.File(header, NpyBytes.Of(new[] { 1, 2, 3, 4, 5, 6 })));
        Assert.Equal(shape, array.Shape);
        Assert.Equal([1, 2, 3, 4, 5, 6], (int[])array.Data);
    }

    [Fact]
    public void AScalarHasAnEmptyShapeAndOneValue()
    {
        var scalar = ReadBytes(NpyBytes.File("<f8", [], NpyBytes.Of(new[] { 2.5 })));
        Assert.Empty(scalar.Shape);
        Assert.Equal("()", scalar.ShapeText);
        Assert.Equal([2.5], (double[])scalar.Data);
        var empty = ReadBytes(NpyBytes.File("<f4", [0, 3], []));
        Assert.Equal([0, 3], empty.Shape);
        Assert.Empty((float[])empty.Data);
    }

    [Fact]
    public void ArraysLargerThanOneReadSliceStream()
    {
        // 600,000 floats (2.4 MB) cross the reader's 1 MiB slices; 300,001 strings of 7 bytes too.
        var values = Enumerable.Range(0, 600_000).Select(i => i * 0.5f).ToArray();
        Assert.Equal(values, (float[])ReadBytes(NpyBytes.File(">f4", [600_000], NpyBytes.Of(values, bigEndian: true))).Data);
        var words = Enumerable.Range(0, 300_001).Select(i => $"w{i}").ToArray();
        Assert.Equal(words, (string[])ReadBytes(NpyBytes.File("|S7", [words.Length], NpyBytes.Strings(words, 7, unicode: false))).Data);
    }

    [Fact]
    public void ReadsWhatWinnowWrites()
    {
        using var folder = new TempFolder();
        NpyFile.Write(folder.File("t.npy"), new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 3, 2);
        NpyFile.Write(folder.File("l.npy"), new[] { 7, -8 }, 2);
        NpyFile.Write(folder.File("c.npy"), new sbyte[] { 1, 0, -1 }, 3);

        var trajectory = NpyReader.Read(folder.File("t.npy"));
        Assert.Equal([3, 2], trajectory.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], (float[])trajectory.Data);
        Assert.Equal([7, -8], (int[])NpyReader.Read(folder.File("l.npy")).Data);
        Assert.Equal([(sbyte)1, (sbyte)0, (sbyte)-1], (sbyte[])NpyReader.Read(folder.File("c.npy")).Data);
    }

    [Fact]
    public void TruncatedDataNamesWhatItHoldsAndWhatItNeeds()
    {
        var file = NpyBytes.File("<f4", [2, 3], NpyBytes.Of(new[] { 1f, 2f }));
        Assert.EndsWith("is truncated: it holds 8 bytes of data but its header needs 24", Error(file));
        // A stream of unknown length is caught as it runs dry.
        Assert.Equal("s is truncated: it holds 8 bytes of data but its header needs 24",
            Assert.Throws<WinnowException>(() => NpyReader.Read(new MemoryStream(file), "s", null)).Message);
        Assert.Contains("its header is incomplete", Error(file[..9]));
        Assert.EndsWith($"is truncated or corrupt: its header claims {BitConverter.ToUInt16(file, 8)} bytes", Error(file[..30]));
    }

    [Fact]
    public void TruncatedDataInsideAnArchiveNamesTheEntry()
    {
        using var folder = new TempFolder();
        var path = folder.File("t.npz");
        NpyBytes.WriteNpz(path, CompressionLevel.Optimal, ("x", NpyBytes.File("<f8", [10], NpyBytes.Of(new[] { 1.0, 2.0 }))));
        using var archive = NpzArchive.Open(path);
        var error = Assert.Throws<WinnowException>(() => archive.Read("x"));
        Assert.Equal($"{path}[x] is truncated: it holds 16 bytes of data but its header needs 80", error.Message);
    }

    [Theory]
    [InlineData("|O", "holds Python objects (dtype '|O'), which only unpickling can read; Winnow never unpickles data")]
    [InlineData("|b1", "holds dtype '|b1' (bool), which Winnow does not read")]
    [InlineData("<c8", "holds dtype '<c8' (complex64), which Winnow does not read")]
    [InlineData("<M8[ns]", "holds dtype '<M8[ns]' (datetime64), which Winnow does not read")]
    [InlineData("<f16", "holds dtype '<f16' (float128), which Winnow does not read")]
    public void DtypesItCannotReadAreNamed(string descr, string expected)
    {
        Assert.Contains(expected, Error(NpyBytes.File(descr, [2], new byte[64])));
    }

    [Theory]
    [InlineData("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }", "structured dtype")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", "its .npy header has no 'shape'")]
    [InlineData("{'descr': '<f4', 'shape': (2,), }", "its .npy header has no 'fortran_order'")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", "'fortran_order' of its .npy header is not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "'shape' of its .npy header is not a tuple of sizes")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'x'), }", "'shape' of its .npy header is not a tuple of sizes")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,) ", "is not a NumPy header dict (it ends early")]
    [InlineData("{'descr': '<f4' 'fortran_order': False, 'shape': (2,), }", "expected ',' or '}', found '''")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (2,), }", "'false' is not a Python literal")]
    [InlineData("['descr', '<f4']", "it does not start with '{'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } x", "'x' follows the dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", "is not an integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", "more values than one array in memory can hold")]
    public void MalformedHeadersAreOneLineNamingTheFile(string header, string expected)
    {
        Assert.Contains(expected, Error(NpyBytes.File(header, new byte[8])));
    }

    [Fact]
    public void NotAnNpyFile()
    {
        Assert.Contains("is not a NumPy .npy file", Error("1,2,3\n"u8.ToArray()));
        Assert.Contains("is not a NumPy .npy file", Error([]));
        var version4 = NpyBytes.File("<f4", [1], new byte[4]);
        version4[6] = 4;
        Assert.Contains("uses .npy format version 4.0; Winnow reads versions 1.0, 2.0 and 3.0", Error(version4));
        Assert.Equal("data file not found: /nonexistent/a.npy", Assert.Throws<WinnowException>(() => NpyReader.Read("/nonexistent/a.npy")).Message);
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression, 0)]
    [InlineData(CompressionLevel.Optimal, 8)]
    public void ArchivesStoredOrDeflatedRead(CompressionLevel level, int zipMethod)
    {
        using var folder = new TempFolder();
        var path = folder.File("d.npz");
        NpyBytes.WriteNpz(path, level,
            ("x", NpyBytes.Floats([1f, 2f, 3f, 4f, 5f, 6f], 3, 2)),
            ("y", NpyBytes.Longs([0, 1, 0])),
            ("junk", NpyBytes.File("|O", [1], new byte[8])));
        // The entry really is stored (method 0) or deflated (method 8): bytes 8–9 of the first local header.
        Assert.Equal(zipMethod, BitConverter.ToUInt16(System.IO.File.ReadAllBytes(path), 8));

        using var archive = NpzArchive.Open(path);
        Assert.Equal(["x", "y", "junk"], archive.Keys);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], (float[])archive.Read("x").Data);
        Assert.Equal([0L, 1L, 0L], (long[])archive.Read("y").Data);
        Assert.Equal($"{path}[y]", archive.Read("y").Source);
        Assert.Equal($"{path} has no array 'x_test'; it holds x, y, junk", Assert.Throws<WinnowException>(() => archive.Read("x_test")).Message);
    }

    [Fact]
    public void NotAnArchive()
    {
        using var folder = new TempFolder();
        System.IO.File.WriteAllBytes(folder.File("d.npz"), NpyBytes.Longs([1, 2]));
        var error = Assert.Throws<WinnowException>(() => NpzArchive.Open(folder.File("d.npz")));
        Assert.StartsWith($"{folder.File("d.npz")} is not an .npz file: it is not a readable zip archive", error.Message);
    }

    // --- Files NumPy itself wrote (Fixtures/arrays/make_arrays.py), against the values it recorded.

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "arrays", name);

    public static TheoryData<string> FixtureArrays()
    {
        using var expected = JsonDocument.Parse(System.IO.File.ReadAllText(Fixture("expected.json")));
        var data = new TheoryData<string>();
        foreach (var array in expected.RootElement.GetProperty("arrays").EnumerateObject()) data.Add(array.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureArrays))]
    public void ReadsWhatNumPyWrote(string name)
    {
        using var expectedFile = JsonDocument.Parse(System.IO.File.ReadAllText(Fixture("expected.json")));
        var expected = expectedFile.RootElement.GetProperty("arrays").GetProperty(name);
        var file = expected.GetProperty("file").GetString()!;
        NpyArray array;
        if (expected.TryGetProperty("key", out var key))
        {
            using var archive = NpzArchive.Open(Fixture(file));
            array = archive.Read(key.GetString()!);
        }
        else array = NpyReader.Read(Fixture(file));

        Assert.Equal(expected.GetProperty("descr").GetString(), array.Dtype.Descr);
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), array.Shape);
        var values = expected.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(values.Length, array.Data.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var actual = array.Data.GetValue(i)!;
            if (values[i].ValueKind == JsonValueKind.String) Assert.Equal(values[i].GetString(), (string)actual);
            else Assert.Equal(values[i].GetDouble(), Convert.ToDouble(actual));
        }
    }

    [Fact]
    public void TheFixturesCoverWhatTheyClaim()
    {
        // The expected values must come from NumPy's own variety: if make_arrays.py lost a case, this says so.
        var headers = new[] { "features_f32.npy", "fortran_f64.npy", "big_endian_i4.npy", "version2_u1.npy", "version3_f4.npy" }
            .ToDictionary(f => f, f => System.IO.File.ReadAllBytes(Fixture(f)));
        Assert.Equal(1, headers["features_f32.npy"][6]);
        Assert.Equal(2, headers["version2_u1.npy"][6]);
        Assert.Equal(3, headers["version3_f4.npy"][6]);
        Assert.Contains("'fortran_order': True", System.Text.Encoding.Latin1.GetString(headers["fortran_f64.npy"]));
        Assert.Contains("'descr': '>i4'", System.Text.Encoding.Latin1.GetString(headers["big_endian_i4.npy"]));
        Assert.Equal(0, BitConverter.ToUInt16(System.IO.File.ReadAllBytes(Fixture("train_test.npz")), 8));
        Assert.Equal(8, BitConverter.ToUInt16(System.IO.File.ReadAllBytes(Fixture("compressed.npz")), 8));
    }
}
