using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Training;

public class NativeHeapTests
{
    [Fact]
    public void ATrainerKeepsFreedTensorStorageInTheHeapOnGlibc()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests run on Debian (glibc)");
        using var train = Synthetic.Blobs(64, seed: 1);
        random.manual_seed(1);
        using var model = ModelCatalog.Create("mlp", [8], 3);
        using var trainer = new Trainer(model, train, new TrainerOptions { Epochs = 1, BatchSize = 32 }, seed: 1);
        // mallopt accepted both thresholds (it answers 0 for a value glibc refuses, e.g. an mmap threshold above 32 MiB).
        Assert.True(NativeHeap.FreedMemoryKept);
    }

    [Fact]
    public void LibTorchsOneDnnSwitchIsReachableAndOnByDefault()
    {
        // Read only: the switch is the process's, and other tests compute beside this one.
        Assert.True(Winnow.CpuBackend.OneDnnSwitchAvailable);
        Assert.True(Winnow.CpuBackend.OneDnn);
        Assert.True(Winnow.CpuBackend.Threads >= 1);
    }
}
