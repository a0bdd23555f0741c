using Winnow.Models;
using Winnow.Scoring;
using Winnow.Tests.Support;
using Winnow.Training;

namespace Winnow.Tests.Scoring;

/// <summary>The fast MoSo variant keeps the numbers it had when it was called "moso".</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class MosoFastTests
{
    [Theory]
    [InlineData(GradientKind.LastLayer, new[] { -0.0777349f, 0.024644185f, 0.045579005f, 0.020688187f, -0.032758053f, 0.06660144f })]
    [InlineData(GradientKind.Full, new[] { -0.20090345f, 0.14670905f, 0.15031816f, -0.023175698f, -0.070335366f, 0.1777822f })]
    public void ScoresArePinned(GradientKind gradients, float[] expected)
    {
        var labels = Enumerable.Range(0, 180).Select(i => i % 3).ToArray();
        var noisy = labels.Select((l, i) => i % 10 == 0 ? (l + 1 + i / 10 % 2) % 3 : l).ToArray();
        using var set = Synthetic.Blobs(180, classes: 3, dimension: 8, separation: 3f, seed: 4, noisyLabels: noisy);
        using var context = new ScoringContext(set, new CoresetOptions { ScoreEpochs = 3, Gradients = gradients }, ModelRecipe.For("mlp", set),
            new TrainerOptions { BatchSize = 32, LearningRate = 0.05 }, seed: 2);
        var scores = CoresetMethods.Create("moso-fast").Select(context, 0.5).Scores.Values;
        int[] rows = [0, 1, 2, 10, 50, 179];
        for (var k = 0; k < rows.Length; k++) Assert.Equal(expected[k], scores[rows[k]], 6);
    }
}
