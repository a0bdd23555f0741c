using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Winnow;

/// <summary>
/// Where a run computes: <c>auto</c> (CUDA when libtorch reports it available, else the CPU),
/// <c>cpu</c>, <c>cuda</c> (the first GPU) or <c>cuda:N</c>. The data stays on the CPU; every
/// batch is gathered there and moved to the device (from pinned memory, asynchronously, when the
/// device is a GPU), models and every tensor they meet live on the device, and what a run reports
/// (losses, predictions, scores) comes back to the CPU.
/// </summary>
public static partial class ComputeDevice
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary>The names a user may give, for help texts.</summary>
    public const string Forms = "auto, cpu, cuda or cuda:N";

    /// <summary>The forms of a device name, as a regular expression.</summary>
    public const string NamePattern = "auto|cpu|cuda|cuda:[0-9]+";

    [GeneratedRegex("^(?:" + NamePattern + ")$")]
    private static partial Regex Pattern();

    /// <summary>Checks the form of a device name without asking libtorch anything.</summary>
    public static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Pattern().IsMatch(name))
            throw new WinnowException($"device '{name}' is not one of {Forms}");
    }

    /// <summary>
    /// The device a name stands for on this machine. CUDA that libtorch does not see (no GPU, no
    /// driver, or an app built with the CPU backend only) is an error, never a silent fall-back.
    /// </summary>
    public static Device Resolve(string name)
    {
        CheckName(name);
        if (name == Cpu) return CPU;
        var available = cuda.is_available();
        if (name == Auto) return available ? new Device(DeviceType.CUDA, 0) : CPU;
        if (!available)
            throw new WinnowException(
                $"device '{name}': CUDA is not available — libtorch sees no CUDA device (no NVIDIA GPU or driver, or the app has the CPU backend only: reference a CUDA backend such as libtorch-cuda-12.8-linux-x64); use --device cpu or auto");
        var index = name == Cuda ? 0 : int.Parse(name[(Cuda.Length + 1)..], CultureInfo.InvariantCulture);
        var count = cuda.device_count();
        if (index >= count)
            throw new WinnowException($"device '{name}' does not exist: libtorch sees {count} CUDA device(s), cuda:0 to cuda:{count - 1}");
        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>A device as runs record it: "cpu", "cuda:0", or libtorch's name of the device type.</summary>
    public static string NameOf(Device device) => device.type switch
    {
        DeviceType.CPU => Cpu,
        DeviceType.CUDA => $"{Cuda}:{Math.Max(device.index, 0)}",
        _ => Enum.IsDefined(device.type) ? device.type.ToString().ToLowerInvariant() : $"device-type-{(int)device.type}",
    };

    /// <summary>Where a module computes: the device of its first parameter (the CPU for a module without any).</summary>
    public static Device Of(nn.Module module)
    {
        foreach (var parameter in module.parameters()) return parameter.device;
        return CPU;
    }

    /// <summary>
    /// A CPU tensor (a gathered batch, an index, weights) on <paramref name="device"/>: itself on the
    /// CPU, else a copy made from pinned memory without waiting, so the copy overlaps the GPU's
    /// work (libtorch keeps the pinned block alive until the copy is done).
    /// </summary>
    public static Tensor To(Tensor tensor, Device device)
    {
        if (tensor.device_type == device.type && (device.index < 0 || tensor.device_index == device.index)) return tensor;
        if (device.type != DeviceType.CUDA || tensor.device_type != DeviceType.CPU) return tensor.to(device);
        using var pinned = tensor.pin_memory();
        return pinned.to(device, non_blocking: true);
    }
}
