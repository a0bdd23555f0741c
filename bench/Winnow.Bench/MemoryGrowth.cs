using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;
using Winnow.Runs;

namespace Winnow.Bench;

/// <summary>
/// Trains the small CNN for N epochs through the runner, as `winnow train` does (per-epoch test
/// evaluation, trajectories, the epoch log), and prints after each epoch where resident memory
/// sits: RSS, the managed heap after a full GC, glibc's heap (bytes malloc has handed out and
/// bytes it holds free) and the live tensor count. The figure of merit is RSS growth from epoch 5
/// to the last epoch.
/// </summary>
public static class MemoryGrowth
{
    public static int Run(string[] args)
    {
        var epochs = BenchArgs.Int(args, "--epochs", 30);
        var trainSize = BenchArgs.Int(args, "--train-size", 5000);
        var spec = BenchRuns.Spec(trainSize, "none", epochs);
        Console.WriteLine($"fashion-mnist {trainSize} train, small-cnn, {epochs} epochs through the runner (as winnow train), evaluation on the test split after each");
        Console.WriteLine("| epoch | s | test acc | RSS MiB | managed MiB (committed) | malloc in use MiB | malloc free MiB | live tensors |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var rss = new List<long>();
        using (Runner.Execute(spec, new EpochProbe(rss)))
        {
        }
        var from = Math.Min(4, rss.Count - 1);
        Console.WriteLine($"rss growth epoch {from + 1} -> {epochs}: {(rss[^1] - rss[from]) * 100.0 / rss[from]:F2}%");
        return 0;
    }

    /// <summary>At the end of every epoch (test accuracy measured): a full GC, then where resident memory sits.</summary>
    private sealed class EpochProbe(List<long> rss) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            if (value.Training?.Finished is not { } epoch) return;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            rss.Add(self.WorkingSet64);
            var (used, free) = Malloc();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {epoch.Epoch + 1} | {epoch.Seconds:F1} | {epoch.TestAccuracy:F4} | {self.WorkingSet64 / 1048576.0:F0} | {GC.GetTotalMemory(true) / 1048576.0:F1} ({GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F0}) | {used / 1048576.0:F1} | {free / 1048576.0:F1} | {DisposeScopeManager.Statistics.ThreadTotalLiveCount} |"));
        }
    }

    /// <summary>glibc's mallinfo2: bytes allocated (heap + mmapped) and bytes free inside its heap.</summary>
    private static (long Used, long Free) Malloc()
    {
        if (!OperatingSystem.IsLinux()) return (0, 0);
        var info = MallInfo2();
        return ((long)(info.Uordblks + info.Hblkhd), (long)info.Fordblks);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo MallInfo2();
}
