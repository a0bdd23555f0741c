using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Winnow.Output;

/// <summary>
/// A run's output folder, written whole or not at all: everything goes into a hidden sibling
/// (<c>.NAME.PID.ID.tmp</c>) that is renamed into place once complete. A folder that already
/// holds files is refused unless overwriting is asked for; then the new folder is swapped with
/// the old one in one atomic rename (Linux <c>renameat2(RENAME_EXCHANGE)</c>) and the old one
/// deleted. So a reader, or a run killed at any moment, finds the old output or the new one —
/// never a mix of two runs, never a stale file of an earlier run beside new ones.
/// </summary>
public static class OutputFolder
{
    /// <summary>Checks, before any long work, that <paramref name="directory"/> can be written as a run's output.</summary>
    /// <exception cref="WinnowException">No name, a file in the way, another run's output (without overwrite), or a parent that cannot be written.</exception>
    public static void Check(string directory, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new WinnowException("the output folder has no name");
        var full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new WinnowException($"the output folder {directory} is a file");
        if (!overwrite && Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new WinnowException($"the output folder {directory} already holds files (another run's output?); give another folder, or overwrite it");
        var parent = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(parent);
            var probe = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot write to output directory {directory}: {e.Message}");
        }
    }

    /// <summary>Calls <paramref name="write"/> with a fresh temporary folder, then puts that folder in place of <paramref name="directory"/>.</summary>
    public static void Write(string directory, bool overwrite, Action<string> write)
    {
        Check(directory, overwrite);
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        RemoveStale(parent, name);
        var temporary = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            write(temporary);
            if (!Directory.Exists(full))
            {
                Directory.Move(temporary, full);
                return;
            }
            if (!Directory.EnumerateFileSystemEntries(full).Any())
            {
                Directory.Delete(full);
                Directory.Move(temporary, full);
                return;
            }
            Swap(temporary, full);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true); // after a swap: the old output
        }
    }

    /// <summary>Exchanges two folders atomically where the system can; else moves the old one aside first.</summary>
    private static void Swap(string replacement, string target)
    {
        if (OperatingSystem.IsLinux() && RenameAt2(AtCurrentDirectory, replacement, AtCurrentDirectory, target, RenameExchange) == 0) return;
        var aside = replacement + ".old";
        Directory.Move(target, aside);
        Directory.Move(replacement, target);
        Directory.Move(aside, replacement);
    }

    /// <summary>Deletes temporary folders of this output left by runs that were killed (their process is gone).</summary>
    private static void RemoveStale(string parent, string name)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, $".{name}.*.tmp"))
        {
            var parts = Path.GetFileName(folder)[(name.Length + 2)..].Split('.');
            if (parts.Length < 3 || !int.TryParse(parts[0], out var pid) || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
