using System.Globalization;
using System.Security.Cryptography;
using Winnow.Data;
using Winnow.Learners.DivideMix;
using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners.DivideMix;

/// <summary>
/// DivideMix moved from a training loop of its own behind the trainer; for the same seed it must
/// give the same numbers. The expected values were printed by the loop of its own (commit
/// a26cc4b) on these three cases, to the last digit: per-epoch loss, training and test
/// accuracy, a hash of both networks' clean probabilities, the sample counters, the labeled
/// share and the first predictions.
/// </summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class DivideMixSameNumbersTests
{
    public static TheoryData<int, int, int, int, int, string[]> Cases => new()
    {
        { 360, 1, 7, 7, 1, [
            "epoch 0 loss 0.9259532888730367 acc 0.5861111111111111 test 1 samples 360 noisy 99",
            "epoch 1 loss 0.8092337052027384 acc 0.725 test 1 samples 360 noisy 99",
            "epoch 2 loss 0.751031506061554 acc 0.725 test 1 samples 360 noisy 99",
            "epoch 3 loss 0.6841745465993881 acc 0.725 test 1 samples 360 noisy 99",
            "epoch 4 loss 0.781323128938675 acc 0.725 test 1 samples 360 noisy 99",
            "epoch 5 loss 0.7230324566364288 acc 0.725 test 1 samples 360 noisy 99",
            "epoch 6 loss 0.6718230664730072 acc 0.725 test 1 samples 360 noisy 99",
            "clean0 f81c77f271b89ec9 clean1 c669a719038bd9e6 fwd 31192 back 11898 labeled 0.725",
            "predicted 012012012012012012012012012012012012012012012012012012012012"] },
        { 150, 4, 9, 3, 1, [
            "epoch 0 loss 1.0091625154018402 acc 0.4533333333333333 test 1 samples 150 noisy 53",
            "epoch 1 loss 0.9074015617370605 acc 0.6466666666666666 test 1 samples 150 noisy 53",
            "epoch 2 loss 0.75865139067173 acc 0.6466666666666666 test 1 samples 150 noisy 53",
            "clean0 cdc28ec8d27c0166 clean1 a8eb632d17b88152 fwd 2948 back 1412 labeled 0.6466666666666666",
            "predicted 012012012012012012012012012012012012012012012012012012012012"] },
        { 120, 6, 2, 5, 2, [
            "epoch 0 loss 1.1304103136062622 acc 0.4 test 1 samples 60 noisy 21",
            "epoch 1 loss 0.996297150850296 acc 0.6166666666666667 test 1 samples 60 noisy 21",
            "epoch 2 loss 0.8686743974685669 acc 0.65 test 1 samples 60 noisy 21",
            "epoch 3 loss 0.9754382073879242 acc 0.65 test 1 samples 60 noisy 21",
            "epoch 4 loss 1.0626394748687744 acc 0.65 test 1 samples 60 noisy 21",
            "clean0 2083e8fdef3aaeb6 clean1 a3271593e4c7f6f6 fwd 2292 back 960 labeled 0.65",
            "predicted 021021021021021021021021021021021021021021021021021021021021"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivesTheNumbersOfItsOwnLoopBefore(int count, int seed, int netSeed, int epochs, int subsetStep, string[] expected)
    {
        using var train = Synthetic.NoisyBlobs(count, 0.3, seed);
        using var test = Synthetic.Blobs(200, 3, 8, seed: seed + 1);
        random.manual_seed(Seeds.Derive(netSeed, "net", 0));
        using var a = ModelCatalog.Create("mlp", [8], 3);
        random.manual_seed(Seeds.Derive(netSeed, "net", 1));
        using var b = ModelCatalog.Create("mlp", [8], 3);
        var options = new TrainerOptions { Epochs = epochs, BatchSize = 64, LearningRate = 0.05 };
        var learner = new DivideMixLearner(new DivideMixOptions { WarmupEpochs = 2, RampUpEpochs = 2 }, epochs);
        using var trainer = new Trainer([a, b], train, options, seed: 3, learner);
        var subset = Enumerable.Range(0, count / subsetStep).Select(i => i * subsetStep).ToArray();
        var summaries = trainer.Fit(new FixedPlanner(subset), test);

        var lines = summaries.Select(s => $"epoch {s.Epoch} loss {R(s.TrainLoss)} acc {R(s.TrainAccuracy)} test {R(s.TestAccuracy!.Value)} samples {s.Samples} noisy {s.NoisyTrainedOn}").ToList();
        lines.Add($"clean0 {Hash(learner.CleanProbabilities[0])} clean1 {Hash(learner.CleanProbabilities[1])} fwd {trainer.SamplesForwarded} back {trainer.SamplesBackpropagated} labeled {R(learner.LabeledFraction ?? -1)}");
        lines.Add($"predicted {string.Join("", trainer.PredictClasses(train, subset).Take(60))}");
        Assert.Equal(expected, lines);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Hash(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }
}
