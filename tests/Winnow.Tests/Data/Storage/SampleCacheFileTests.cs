using Winnow.Data.Storage;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Storage;

public sealed class SampleCacheFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Write(int count, int[] shape, string key = "k")
    {
        var path = Path.Combine(_folder.Path, $"c-{Guid.NewGuid():N}.bin");
        using var writer = new SampleCacheFile.Writer(path, count, shape, key);
        var size = shape.Aggregate(1, (a, b) => a * b);
        for (var i = 0; i < count; i++) writer.Append(Enumerable.Range(0, size).Select(v => (byte)(i * 10 + v)).ToArray());
        writer.Commit();
        return path;
    }

    [Fact]
    public void SamplesComeBackInTheOrderAsked()
    {
        var path = Write(5, [1, 2, 2]);
        using var cache = SampleCacheFile.Open(path);
        Assert.Equal(5, cache.Count);
        Assert.Equal([1, 2, 2], cache.SampleShape);
        var bytes = new byte[8];
        cache.Read([3, 0], bytes);
        Assert.Equal(new byte[] { 30, 31, 32, 33, 0, 1, 2, 3 }, bytes);
        Assert.Equal("k", SampleCacheFile.TryReadHeader(path)!.Key);
    }

    [Fact]
    public void AnUncommittedOrTruncatedCacheIsNotTakenForAWholeOne()
    {
        var path = Path.Combine(_folder.Path, "partial.bin");
        using (var writer = new SampleCacheFile.Writer(path, 3, [4], "k")) writer.Append([1, 2, 3, 4]);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder.Path));
        var whole = Write(3, [4]);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(whole, bytes[..^2]);
        Assert.Null(SampleCacheFile.TryReadHeader(whole));
        Assert.Contains("delete it to rebuild", Assert.Throws<WinnowException>(() => SampleCacheFile.Open(whole)).Message);
        File.WriteAllText(whole, "not a cache");
        Assert.Contains("is not a Winnow sample cache", Assert.Throws<WinnowException>(() => SampleCacheFile.Open(whole)).Message);
    }

    public void Dispose() => _folder.Dispose();
}
