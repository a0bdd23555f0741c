using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Training;

public class CheckpointTests
{
    [Fact]
    public void SavedModelReloadsWithIdenticalOutputs()
    {
        var folder = Directory.CreateTempSubdirectory("winnow-ckpt").FullName;
        using var data = Synthetic.Blobs(50, seed: 1);
        random.manual_seed(3);
        using var model = ModelCatalog.Create("mlp", [8], 3);
        using (var trainer = new Trainer(model, data, new TrainerOptions { Epochs = 1, BatchSize = 16 }, seed: 0))
            trainer.TrainEpoch(EpochPlan.All(data.Count));
        Checkpoint.Save(folder, model, new Checkpoint("mlp", [8], 3, 1));

        var (loaded, description) = Checkpoint.Load(folder);
        using (loaded)
        {
            Assert.Equal("mlp", description.Model);
            Assert.Equal(3, description.ClassCount);
            Assert.Equal(Inference.Predict(model, data).Logits, Inference.Predict(loaded, data).Logits);
        }
    }

    [Fact]
    public void AFolderWithoutACheckpointIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("winnow-ckpt").FullName;
        var error = Assert.Throws<WinnowException>(() => Checkpoint.Load(folder));
        Assert.Contains("not a Winnow checkpoint", error.Message);
    }
}
