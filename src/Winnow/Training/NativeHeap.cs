using System.Runtime.InteropServices;

namespace Winnow.Training;

/// <summary>
/// How the C heap serves libtorch's tensor storage (libtorch allocates it with malloc).
/// <para>
/// <see cref="KeepFreedMemory"/>: glibc's defaults return a large freed block to the operating
/// system at once (mmap above a threshold, trimming of the heap's top above another), so the next
/// batch's tensor of the same size is faulted in page by page again. On the 2-core benchmark
/// machine that cost about 15% of the small CNN's training epoch (BENCHMARKS.md, PyTorch peer).
/// Raising both thresholds keeps freed blocks in the heap for the next batch; it changes where
/// memory comes from, never a number computed.
/// </para>
/// <para>
/// <see cref="Trim"/>: glibc keeps what a batch freed for reuse and returns little of it, so the
/// resident size of a long run wandered by ±40 MB from epoch to epoch although nothing leaked
/// (TorchSharp issue #1466; BENCHMARKS.md, memory). One malloc_trim per epoch keeps it flat.
/// </para>
/// Both are no-ops where the C library is not glibc.
/// </summary>
public static class NativeHeap
{
    /// <summary>Blocks below this come from the heap, not from a fresh mapping (glibc's most: 32 MiB).</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>The heap's free top is given back only above this (and at <see cref="Trim"/>).</summary>
    public const int TrimThreshold = 1 << 30;

    private const int MallocTrimThreshold = -1; // glibc's M_TRIM_THRESHOLD
    private const int MallocMmapThreshold = -3; // glibc's M_MMAP_THRESHOLD

    private static bool _unavailable = !OperatingSystem.IsLinux();
    private static bool _kept;

    /// <summary>Whether <see cref="KeepFreedMemory"/> took effect in this process.</summary>
    public static bool FreedMemoryKept => _kept;

    /// <summary>Keeps freed tensor storage in the heap for reuse (once per process; Winnow's trainer and inference call it).</summary>
    public static void KeepFreedMemory()
    {
        if (_kept || _unavailable) return;
        try
        {
            // Both, or neither: setting only the trim threshold freezes the mmap threshold at its
            // 128 KiB start, and every batch-sized tensor is then mapped afresh (2.3× slower here).
            _kept = MallOpt(MallocMmapThreshold, MmapThreshold) == 1 && MallOpt(MallocTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // musl and other C libraries have no malloc_trim
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
