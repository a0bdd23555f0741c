using TorchSharp;
using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// Runs libtorch's CPU operators on one thread until disposed, then restores the thread count.
/// A batch-size-1 loop is all small operators, for which intra-op threads cost more than they
/// give: per-sample gradients of the small CNN took 31 s per 10,000 samples on one thread of a
/// shared 2-core machine and over 300 s on two. Not thread-safe (the count is process-wide);
/// nothing changes for a CUDA device.
/// </summary>
public sealed class OneThread : IDisposable
{
    private readonly int? _previous;

    public OneThread(Device device)
    {
        if (device.type != DeviceType.CPU) return;
        _previous = get_num_threads();
        set_num_threads(1);
    }

    public void Dispose()
    {
        if (_previous is { } threads) set_num_threads(threads);
    }
}
