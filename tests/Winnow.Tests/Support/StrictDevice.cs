using System.Runtime.InteropServices;
using TorchSharp;
using Winnow.Runs;
using static TorchSharp.torch;

namespace Winnow.Tests.Support;

/// <summary>
/// A second device on a machine without a GPU: libtorch's lazy-tensor device with its TorchScript
/// backend, which ships in libtorch_cpu. It computes on the CPU, but like CUDA it refuses every
/// operation that mixes its tensors with CPU tensors ("Input tensor is not a lazy tensor"), 0-dim
/// CPU scalars aside, as CUDA allows them too. A run that completes on it has kept every tensor it
/// computed with on the run's device. TorchSharp's DeviceType has no member for it: c10's number is 17.
/// </summary>
public static class StrictDevice
{
    /// <summary>
    /// The tests that use the device, run one at a time: the lazy backend gathers the pending work
    /// of every thread on the device into one graph, so two runs at once would mix their tensors.
    /// </summary>
    public const string Collection = "strict device";

    private const DeviceType LazyType = (DeviceType)17;

    private static readonly Lazy<Device> Instance = new(() =>
    {
        zeros(1).Dispose(); // loads libtorch before its backend is registered
        // Scalars (x * 25.0) enter the graph as constants, as eager libtorch treats them, not as
        // 0-dim tensors of their own type: else 0-dim float * 0-dim double promotes to double and
        // a later kernel refuses it ("expected scalar type Double but found Float").
        var library = NativeLibrary.Load("libtorch_cpu", typeof(StrictDevice).Assembly, null);
        Marshal.WriteByte(NativeLibrary.GetExport(library, "FLAGS_torch_lazy_handle_special_scalars"), 1);
        Marshal.WriteByte(NativeLibrary.GetExport(library, "FLAGS_torch_lazy_all_numbers_special_scalars"), 1);
        InitTorchScriptBackend();
        return new Device(LazyType, 0);
    });

    public static Device Device => Instance.Value;

    public static bool IsOn(Tensor tensor) => tensor.device_type == LazyType;

    /// <summary>
    /// Runs a spec on the device and checks what the run left: the record names the device, and
    /// every parameter and buffer of the trained networks is on it.
    /// </summary>
    public static RunResult Run(RunSpec spec)
    {
        spec.Validate();
        var result = Runner.Execute(spec, Device);
        Assert.Equal(ComputeDevice.NameOf(Device), result.Record.Device);
        if (result.Trainer is { } trainer)
        {
            Assert.All(trainer.Networks.SelectMany(n => n.parameters()), p => Assert.True(IsOn(p), "a parameter is off the device"));
            Assert.All(trainer.Networks.SelectMany(n => n.buffers()), b => Assert.True(IsOn(b), "a buffer is off the device"));
            Assert.InRange(result.Record.TestAccuracy!.Value, 0, 1);
        }
        return result;
    }

    // torch::lazy::InitTorchScriptBackend(): registers the backend behind the lazy device (what
    // torch._lazy.ts_backend.init() calls in Python); idempotent.
    [DllImport("libtorch_cpu", EntryPoint = "_ZN5torch4lazy22InitTorchScriptBackendEv")]
    private static extern void InitTorchScriptBackend();
}
