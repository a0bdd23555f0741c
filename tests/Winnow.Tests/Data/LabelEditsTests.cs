using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data;

/// <summary>A detection's label issue file fed back: excluded samples and suggested labels, only for the training set it was made for.</summary>
public sealed class LabelEditsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Ten samples of two classes; labels 0,1,0,1,…; feature = the row number.
    private static Dataset Ten() => new("ten", DatasetKind.Table,
        new Split(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), Enumerable.Range(0, 10).Select(i => i % 2).ToArray(), [1]),
        new Split([0f, 1f], [0, 1], [1]), 2, ["even", "odd"]);

    private string Issues(params (int Row, int Given, int Suggested, bool Flagged)[] rows)
    {
        var path = Path.Combine(_folder.Path, $"issues-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["rank,index,source_row,given_label,given_class,suggested_label,suggested_class,label_quality,is_label_issue",
            .. rows.Select((r, k) => $"{k + 1},{r.Row},{r.Row},{r.Given},\"a, b\",{r.Suggested},x,0.1,{(r.Flagged ? 1 : 0)}")]);
        return path;
    }

    [Fact]
    public void FlaggedSamplesAreLeftOutAndTheRestKeepTheirOrder()
    {
        var file = Issues((3, 1, 0, true), (6, 0, 1, true), (7, 1, 0, false));
        using var data = DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, exclude: file);
        Assert.Equal([0, 1, 2, 4, 5, 7, 8, 9], data.SourceIndices);
        Assert.Equal(2, data.Excluded);
        Assert.Equal([0, 1, 0, 0, 1, 1, 0, 1], data.Train.Labels);
        Assert.NotEqual(DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1).Identity, data.Identity);
    }

    [Fact]
    public void APlainListOfSourceRowsExcludesToo()
    {
        var file = Path.Combine(_folder.Path, "rows.txt");
        File.WriteAllLines(file, ["9", "", "0"]);
        using var data = DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, exclude: file);
        Assert.Equal(Enumerable.Range(1, 8), data.SourceIndices);
    }

    [Fact]
    public void RelabelingTrainsFlaggedSamplesOnTheirSuggestedLabelAndKeepsTheTruth()
    {
        var file = Issues((2, 0, 1, true), (5, 1, 0, true), (8, 0, 1, false));
        using var data = DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, relabel: file);
        Assert.Equal([0, 1, 1, 1, 0, 0, 0, 1, 0, 1], data.Train.Labels);
        Assert.Equal(2, data.Relabeled);
        Assert.Equal(0.2, data.Noise.ActualRate, 12);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 2), data.Train.CleanLabels!);
    }

    [Fact]
    public void AFileForAnotherTrainingSetIsRefused()
    {
        // Row 9 is not among the 6 samples a stratified subset of seed 1 draws, or its label differs.
        using var subset = DataPipeline.Prepare(Ten(), NoiseSpec.None, 6, seed: 1);
        var missing = Enumerable.Range(0, 10).First(r => !subset.SourceIndices.Contains(r));
        var notHere = Assert.Throws<WinnowException>(() => DataPipeline.Prepare(Ten(), NoiseSpec.None, 6, seed: 1, exclude: Issues((missing, missing % 2, 0, true))));
        Assert.Contains($"source row {missing} is not in this training set of 6 samples", notHere.Message);
        var otherLabels = Assert.Throws<WinnowException>(() => DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, relabel: Issues((4, 1, 1, true))));
        Assert.Contains("was made for other labels: source row 4 is labelled 1 there but 0 here", otherLabels.Message);
        var plain = Path.Combine(_folder.Path, "plain.txt");
        File.WriteAllLines(plain, ["1"]);
        Assert.Contains("relabeling needs its suggested labels", Assert.Throws<WinnowException>(() => DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, relabel: plain)).Message);
        File.WriteAllLines(plain, Enumerable.Range(0, 10).Select(i => i.ToString()));
        Assert.Contains("excludes every one of the 10 training samples", Assert.Throws<WinnowException>(() => DataPipeline.Prepare(Ten(), NoiseSpec.None, null, seed: 1, exclude: plain)).Message);
    }

    public void Dispose() => _folder.Dispose();
}
