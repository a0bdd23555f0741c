// Dynamic pruning (InfoBatch ranked by AlignPrune's DAS) inside a plain TorchSharp loop:
//   dotnet run -c Release --project examples/DynamicLoop
using Winnow.Data;
using Winnow.Dynamic;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

using var data = DataPipeline.Prepare(new DataSpec { Dataset = "fashion-mnist", TrainSize = 5000, Noise = "symmetric:0.4" }, seed: 1);
var train = data.Train;
random.manual_seed(1);
using var model = ModelCatalog.Create("small-cnn", [1, 28, 28], train.ClassCount);
using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);

var reference = ReferenceSet.FromCleanSamples(train, 0.02, noiseInjected: true, seed: 1);   // or ReferenceSet.FromFile(...)
var pruner = new InfoBatchPruner(train.Count, new DynamicOptions { PruneRatio = 0.5 }, seed: 1,
    new AlignmentSignal(train.Count, reference, window: 3));

const int epochs = 6;
for (var e = 0; e < epochs; e++)
{
    var epoch = pruner.BeginEpoch(e, epochs);                       // 1. this epoch's samples and weights
    model.train();
    foreach (var batch in epoch.Batches(128))
    {
        using var scope = NewDisposeScope();
        var rows = tensor(batch);
        var losses = nn.functional.cross_entropy(model.call(train.Inputs.index_select(0, rows)),
            train.LabelTensor.index_select(0, rows), reduction: nn.Reduction.None);
        var loss = epoch.Update(batch, losses);                       // 2. record losses, weighted mean
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
    epoch.Complete();                                                 // 3. the pruner learns from them
    var noisy = epoch.Plan.Indices.Count(i => train.NoisyMask![i]);
    Console.WriteLine($"epoch {e + 1}: {epoch.Plan.Count} samples ({noisy} noisy), test accuracy {Inference.Accuracy(model, data.Test):F4}");
}
