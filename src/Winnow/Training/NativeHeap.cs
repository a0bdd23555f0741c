using System.Runtime.InteropServices;

namespace Winnow.Training;

/// <summary>
/// Hands the C heap's free memory back to the operating system. libtorch allocates tensor
/// storage with malloc; glibc keeps what a batch freed for reuse and returns little of it, so the
/// resident size of a long run wandered by ±40 MB from epoch to epoch although nothing leaked
/// (TorchSharp issue #1466; BENCHMARKS.md, memory). One malloc_trim per epoch keeps it flat.
/// A no-op where the C library is not glibc.
/// </summary>
public static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

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
}
