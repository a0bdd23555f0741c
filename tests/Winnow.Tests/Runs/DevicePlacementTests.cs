using TorchSharp.PyBridge;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Tests.Support;
using static TorchSharp.torch;

namespace Winnow.Tests.Runs;

/// <summary>
/// Every path that computes — training with each learner, augmentation, the teacher, every coreset
/// method's scoring and selection, every dynamic pruner with each signal, detection, inference —
/// run end to end on <see cref="StrictDevice"/>, which refuses any operation that meets a CPU
/// tensor: a batch not moved, an index, a weight vector or a parameter made on the CPU fails the
/// run with libtorch's own error. What comes back (losses, predictions, scores) is read back to
/// the CPU, which the device allows.
/// </summary>
[Collection(StrictDevice.Collection)]
public sealed class DevicePlacementTests : IDisposable
{
    private readonly string _data = RunPaths.CreateData();

    public static TheoryData<string> Paths => new(RunPaths.Names);

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryPathComputesOnTheRunsDevice(string path)
    {
        using var result = StrictDevice.Run(RunPaths.Spec(path, _data));
        Assert.NotNull(result.Record.Method ?? result.Record.Learner);
    }

    [Theory]
    [InlineData("ce")]
    [InlineData("dividemix")]
    public void WeightsSavedByPyTorchsFormatStartTheRunOnItsDevice(string learner)
    {
        // The weights are read on the CPU and loaded before the model moves: every network the run
        // builds (DivideMix's two included) must still end up on the device.
        var weights = Path.Combine(_data, "start.pt");
        using (var model = ModelCatalog.Create("small-cnn", [1, 8, 8], 3)) model.save_py(weights);
        var spec = RunPaths.Spec("ce, weak augmentation", _data) with { Init = weights };
        using var result = StrictDevice.Run(spec with { Learner = spec.Learner with { Name = learner } });
        Assert.True(result.Record.InitLoaded > 0);
    }

    [Fact]
    public void TheDeviceRefusesCpuTensorsAsCudaDoes()
    {
        // The premise of the theory above: without it, a run on this device would prove nothing.
        using var onDevice = ones(4, device: StrictDevice.Device);
        using var onCpu = ones(4);
        var error = Assert.ThrowsAny<Exception>(() => (onDevice + onCpu).Dispose());
        Assert.Contains("not a lazy tensor", error.Message);
        using var scalar = tensor(2f);
        using var scaled = onDevice * scalar; // a 0-dim CPU scalar is allowed, as on CUDA
        Assert.Equal(8f, scaled.sum().cpu().item<float>());
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
