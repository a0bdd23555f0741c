using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Winnow;

/// <summary>
/// libtorch's CPU settings: its intra- and inter-op thread counts (TorchSharp exposes these),
/// and the switch between oneDNN and libtorch's own kernels for convolutions, which TorchSharp
/// does not expose (PyTorch's torch.backends.mkldnn.enabled). The switch is libtorch's
/// at::Context::setUserEnabledMkldnn, called by its exported C++ name, which exists on Linux and
/// macOS builds of libtorch (the Itanium C++ ABI); elsewhere <see cref="OneDnnSwitchAvailable"/> is false.
/// </summary>
public static class CpuBackend
{
    private const string LibTorchCpu = "libtorch_cpu";

    [DllImport(LibTorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport(LibTorchCpu, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool UserEnabledMkldnn(IntPtr context);

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            InitializeDeviceType(DeviceType.CPU); // loads libtorch_cpu before we look into it
            _ = UserEnabledMkldnn(GlobalContext());
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>Whether this libtorch lets Winnow turn oneDNN convolutions on and off.</summary>
    public static bool OneDnnSwitchAvailable => Available.Value;

    /// <summary>Whether libtorch may run convolutions with oneDNN (its default: yes); null where the switch is not available.</summary>
    public static bool? OneDnn
    {
        get => OneDnnSwitchAvailable ? UserEnabledMkldnn(GlobalContext()) : null;
        set
        {
            if (value is not { } enabled) return;
            if (!OneDnnSwitchAvailable) throw new WinnowException("this libtorch does not expose its oneDNN switch (at::Context::setUserEnabledMkldnn)");
            SetUserEnabledMkldnn(GlobalContext(), enabled);
        }
    }

    /// <summary>libtorch's intra-op threads (its default: the machine's cores).</summary>
    public static int Threads
    {
        get => get_num_threads();
        set => set_num_threads(value);
    }

    /// <summary>libtorch's inter-op threads.</summary>
    public static int InteropThreads => get_num_interop_threads();
}
