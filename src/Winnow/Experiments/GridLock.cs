using System.Text;

namespace Winnow.Experiments;

/// <summary>
/// Keeps a second process out of an output directory while a grid runs in it: DIR/.lock opened
/// exclusively (FileShare.None, which .NET enforces with an advisory lock on Linux) for as long as
/// the run lasts. The operating system drops the lock when the process dies, even by kill -9, so
/// a stale lock file never blocks the next run.
/// </summary>
public sealed class GridLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;

    private GridLock(FileStream stream) => _stream = stream;

    public static GridLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new WinnowException($"{directory} is in use by another winnow bench (it holds {path}); wait for it to finish or use another output folder");
        }
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
        stream.Flush();
        return new GridLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
