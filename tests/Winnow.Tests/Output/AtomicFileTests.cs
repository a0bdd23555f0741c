using Winnow.Output;

namespace Winnow.Tests.Output;

public class AtomicFileTests
{
    [Fact]
    public void AFailedWriteLeavesTheOldContentAndNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("winnow-atomic").FullName;
        try
        {
            var path = Path.Combine(folder, "metrics.json");
            AtomicFile.WriteAllText(path, "old");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write("partial"u8);
                throw new InvalidOperationException("killed half-way");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder));
            AtomicFile.WriteAllText(path, "new");
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
