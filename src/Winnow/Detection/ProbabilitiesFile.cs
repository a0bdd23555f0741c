using Winnow.Data.Readers;

namespace Winnow.Detection;

/// <summary>
/// A user's own out-of-sample predicted probabilities for confident learning: a .npy of
/// float32 or float64, [N, K] in the training set's order (as Winnow's probabilities.npy), each
/// row in [0, 1] summing to 1 (within 1e-3: softmax outputs saved in float32 drift a little).
/// </summary>
public static class ProbabilitiesFile
{
    public static float[] Read(string path, int sampleCount, int classCount)
    {
        var array = NpyReader.Read(path);
        if (array.Rank != 2 || array.Shape[0] != sampleCount || array.Shape[1] != classCount)
            throw new WinnowException($"{path} holds probabilities of shape {array.ShapeText}, but the training set needs ({sampleCount}, {classCount})");
        var values = array.Data switch
        {
            float[] f => f,
            double[] d => d.Select(v => (float)v).ToArray(),
            _ => throw new WinnowException($"{path} holds {array.Dtype.Name} values; probabilities are float32 or float64"),
        };
        for (var i = 0; i < sampleCount; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < classCount; k++)
            {
                var p = values[i * classCount + k];
                if (!(p >= 0 && p <= 1)) throw new WinnowException($"{path}: probability {p} of sample {i}, class {k}, is not in [0, 1]");
                sum += p;
            }
            if (Math.Abs(sum - 1) > 1e-3) throw new WinnowException($"{path}: the probabilities of sample {i} sum to {sum:0.####}, not 1 (softmax outputs, not logits?)");
        }
        return values;
    }
}
