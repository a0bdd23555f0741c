using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Training;

public class BatchRecorderTests
{
    [Fact]
    public void TwoClassesByHand()
    {
        // logits (0, ln 3): p = (1/4, 3/4). Label 1: loss −ln 3/4, right, margin 3/4 − 1/4 = 1/2; label 0: loss ln 4, wrong, margin −1/2.
        var losses = new float[2];
        var correct = new bool[2];
        var margins = new float[2];
        using (var recorder = new BatchRecorder(losses, correct, margins))
        {
            using var scope = NewDisposeScope();
            var logits = tensor(new[] { 0f, MathF.Log(3), 0f, MathF.Log(3) }, [2, 2]);
            recorder.Add([1, 0], logits, tensor(new long[] { 0, 1 }));
            recorder.Flush();
        }
        // Row 1 (label 1) went to position 0, row 0 (label 0) to position 1.
        Assert.Equal(-Math.Log(0.75), losses[0], 5);
        Assert.True(correct[0]);
        Assert.Equal(0.5, margins[0], 5);
        Assert.Equal(Math.Log(4), losses[1], 5);
        Assert.False(correct[1]);
        Assert.Equal(-0.5, margins[1], 5);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void ManyBatchesAtOnceGiveTheSameFloatsAsOneBatchAtATime(int classes)
    {
        // The trainer computed these per batch with cross_entropy, argmax and softmax; the recorder
        // computes them for thousands of rows at once and must not change a bit (selections read them).
        random.manual_seed(classes);
        const int rows = 5000, batch = 128;
        using var logits = randn(rows, classes) * 4;
        using var labels = randint(0, classes, [rows], dtype: ScalarType.Int64);
        logits[0] = zeros(classes); // ties: every class equal
        logits[1, 0] = logits[1, 1].clone(); // a tie between the label's class and another
        labels[1] = 1;
        var order = Enumerable.Range(0, rows).Reverse().ToArray(); // positions differ from rows
        var expectedLosses = new float[rows];
        var expectedCorrect = new bool[rows];
        var expectedMargins = new float[rows];
        var losses = new float[rows];
        var correct = new bool[rows];
        var margins = new float[rows];
        using (var recorder = new BatchRecorder(losses, correct, margins))
        {
            for (var start = 0; start < rows; start += batch)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batch, rows - start);
                var z = logits.narrow(0, start, count).clone();
                var y = labels.narrow(0, start, count).clone();
                var positions = order[start..(start + count)];
                PerBatch(z, y, positions, expectedLosses, expectedCorrect, expectedMargins);
                recorder.Add(positions, z, y); // z and y are disposed with the scope: the recorder keeps its own
            }
            recorder.Flush();
        }
        Assert.Equal(expectedLosses, losses);
        Assert.Equal(expectedCorrect, correct);
        Assert.Equal(expectedMargins, margins);
    }

    [Fact]
    public void AFlushEmptiesWhatWasHeldAndADisposedRecorderWritesNothing()
    {
        var losses = new float[3];
        var correct = new bool[3];
        var margins = new float[3];
        using (var recorder = new BatchRecorder(losses, correct, margins))
        {
            using var scope = NewDisposeScope();
            recorder.Add([2], tensor(new[] { 1f, 0f }, [1, 2]), tensor(new long[] { 0 }));
            recorder.Flush();
            recorder.Flush(); // nothing held: a no-op
            recorder.Add([0], tensor(new[] { 0f, 1f }, [1, 2]), tensor(new long[] { 0 }));
        }
        Assert.True(correct[2]);
        Assert.True(losses[2] > 0);
        Assert.Equal(0f, losses[0]); // dropped, never computed
    }

    /// <summary>The trainer's former per-batch record, kept here as the reference.</summary>
    private static void PerBatch(Tensor logits, Tensor labels, int[] positions, float[] losses, bool[] correct, float[] margins)
    {
        using var scope = NewDisposeScope();
        var sampleLosses = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None).data<float>().ToArray();
        var hits = logits.argmax(1).eq(labels).data<bool>().ToArray();
        var probabilities = nn.functional.softmax(logits, 1);
        var trueProbability = probabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
        var isLabel = nn.functional.one_hot(labels, probabilities.shape[1]).to_type(ScalarType.Bool);
        var bestOther = probabilities.masked_fill(isLabel, -1f).max(1).values;
        var sampleMargins = (trueProbability - bestOther).data<float>().ToArray();
        for (var k = 0; k < positions.Length; k++)
        {
            losses[positions[k]] = sampleLosses[k];
            correct[positions[k]] = hits[k];
            margins[positions[k]] = sampleMargins[k];
        }
    }
}
