using System.Text;

namespace Winnow.Experiments;

/// <summary>
/// Keeps a second process out of an output directory while a grid (or one shard of it: each shard
/// has its own lock, DIR/.shard-K-of-N.lock, so shards run side by side) runs in it: DIR/.lock opened
/// exclusively (FileShare.None, which .NET enforces with an advisory lock on Linux) for as long as
/// the run lasts. The operating system drops the lock when the process dies, even by kill -9, so
/// a stale lock file never blocks the next run.
/// </summary>
public sealed class GridLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;

    private GridLock(FileStream stream) => _stream = stream;

    public static GridLock Acquire(string directory, GridShard? shard = null)
    {
        Directory.CreateDirectory(directory);
        shard ??= GridShard.Whole;
        var path = Path.Combine(directory, shard.FileName(FileName));
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var who = shard.IsWhole ? "another winnow bench" : $"another winnow bench of shard {shard}";
            throw new WinnowException($"{directory} is in use by {who} (it holds {path}); wait for it to finish or use another output folder");
        }
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
        stream.Flush();
        return new GridLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
