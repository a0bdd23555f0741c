using Winnow.Dynamic;
using Winnow.Output;
using Winnow.Runs;
using Winnow.Settings;
using Winnow.Training;

namespace Winnow.Tests.Dynamic;

public class SignalTests
{
    private static EpochResult Result(int epoch, float[] losses, float[]? margins = null) =>
        new(epoch, 0.1, losses, new bool[losses.Length], margins ?? new float[losses.Length], 0, 0, losses.Length, losses.Length, 0);

    [Fact]
    public void MeanLossIsMinusTheRunningMeanOverTheEpochsTrainedIn()
    {
        var signal = new MeanLossSignal(3);
        Assert.Equal([-1f, -2f, -3f], signal.Update(0, EpochPlan.All(3), Result(0, [1, 2, 3])));
        // Sample 1 not trained: NaN (keeps its value); 0 → −(1 + 3)/2, 2 → −(3 + 1)/2.
        Assert.Equal([-2f, float.NaN, -2f], signal.Update(1, new EpochPlan([0, 2]), Result(1, [3, 1])));
        // Sample 1's mean counts only its two epochs: −(2 + 4)/2.
        Assert.Equal([float.NaN, -3f, float.NaN], signal.Update(2, new EpochPlan([1]), Result(2, [4])));
        Assert.False(signal.ScaleChanged);
        Assert.Empty(signal.AlwaysKept);
    }

    [Fact]
    public void AumSumsTheMarginsOfTheEpochsTrainedIn()
    {
        var signal = new AumSignal(3);
        Assert.Equal([0.5f, -0.25f, 0.125f], signal.Update(0, EpochPlan.All(3), Result(0, [9, 9, 9], [0.5f, -0.25f, 0.125f])));
        Assert.Equal([0.75f, float.NaN, -0.375f], signal.Update(1, new EpochPlan([0, 2]), Result(1, [9, 9], [0.25f, -0.5f])));
        Assert.Equal([float.NaN, -1.25f, float.NaN], signal.Update(2, new EpochPlan([1]), Result(2, [9], [-1f])));
    }

    [Fact]
    public void AumRefusesALoopThatReportsNoMargins()
    {
        // PrunedEpoch knows only the losses: its margins are NaN, and AUM says so instead of summing zeros.
        var pruner = new InfoBatchPruner(4, new DynamicOptions(), 0, new AumSignal(4));
        var epoch = pruner.BeginEpoch(0, 4);
        foreach (var batch in epoch.Batches(4)) epoch.Update(batch, TorchSharp.torch.ones(batch.Length));
        var error = Assert.Throws<WinnowException>(() => epoch.Complete());
        Assert.Contains("the aum signal needs every trained sample's margin", error.Message);
    }

    [Theory]
    [InlineData("mean-loss")]
    [InlineData("aum")]
    public void UnderInfoBatchTheLikelyMislabeledAreThePruningCandidates(string name)
    {
        // Samples 2 and 3 look mislabeled (high loss, negative margin): below the mean value, so
        // InfoBatch keeps one of the two (r = 0.5) and every sample of 0 and 1.
        var signal = SampleSignals.All[name].Create(4, () => throw new InvalidOperationException("no reference"), new AlignmentOptions(), 8);
        var pruner = new InfoBatchPruner(4, new DynamicOptions { PruneRatio = 0.5 }, 0, signal);
        var plan = pruner.Plan(0, 8);
        Assert.Equal(4, plan.Count);
        pruner.Observe(0, plan, Result(0, [0.1f, 0.2f, 3f, 4f], [0.9f, 0.8f, -0.5f, -0.7f]));
        var next = pruner.Plan(1, 8);
        Assert.Equal(3, next.Count);
        Assert.Contains(0, next.Indices);
        Assert.Contains(1, next.Indices);
        Assert.Single(next.Indices, i => i >= 2);
    }

    [Fact]
    public void TheRegistryNamesEverySignalAndBuildsIt()
    {
        Assert.Equal(["loss", "das", "mean-loss", "aum"], SampleSignals.Names);
        var options = new AlignmentOptions { DasWindow = null };
        Assert.IsType<MeanLossSignal>(SampleSignals.All["mean-loss"].Create(5, () => [], options, 40));
        Assert.IsType<AumSignal>(SampleSignals.All["aum"].Create(5, () => [], options, 40));
        var das = Assert.IsType<AlignmentSignal>(SampleSignals.All["das"].Create(5, () => [0], options, 200));
        Assert.Equal(10, das.Window); // auto: 5% of 200 epochs
        Assert.False(SampleSignals.All["mean-loss"].NeedsReference || SampleSignals.All["aum"].NeedsReference);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(40, 5)]   // 2 → the floor
    [InlineData(109, 5)]  // 5.45
    [InlineData(110, 6)]  // 5.5, halves away from zero
    [InlineData(130, 7)]  // 6.5
    [InlineData(200, 10)] // the paper's N = 10 of 200
    public void TheAutoWindowIsFivePercentOfTheEpochsAndAtLeastFive(int epochs, int window)
    {
        Assert.Equal(window, AlignmentOptions.AutoWindow(epochs));
        Assert.Equal(window, new AlignmentOptions { DasWindow = null }.WindowFor(epochs));
        Assert.Equal(7, new AlignmentOptions { DasWindow = 7 }.WindowFor(epochs));
    }

    [Fact]
    public void AutoIsTheWindowSettingsWordForNullAndSurvivesTheSpecsJson()
    {
        var setting = Declared.Named<AlignmentOptions>("das-window");
        Assert.Null(setting.Parse("auto"));
        Assert.Equal(4, setting.Parse("4"));
        Assert.Equal("error: the DAS window must be a whole number or auto (got 'often')",
            "error: " + Assert.Throws<SettingException>(() => setting.Parse("often")).Message);
        var spec = new RunSpec { Pruning = new DynamicPruning { Pruner = "infobatch", Signal = "das", Alignment = new AlignmentOptions { DasWindow = null } } };
        var json = spec.ToJson().ToJsonString();
        Assert.Contains("\"das_window\":null", json);
        // The auto rule's floor is part of an auto spec (the rule once had a floor of 2), and only of an auto spec.
        Assert.Contains("\"das_auto_floor\":5", json);
        var back = System.Text.Json.JsonSerializer.Deserialize<RunSpec>(json, Json.Options)!;
        Assert.Null(((DynamicPruning)back.Pruning).Alignment.DasWindow);
        // The default window (10) is written as before, so the hashes of existing runs do not move.
        var byDefault = spec with { Pruning = ((DynamicPruning)spec.Pruning) with { Alignment = new AlignmentOptions() } };
        Assert.Contains("\"das_window\":10", byDefault.ToJson().ToJsonString());
        Assert.DoesNotContain("das_auto_floor", byDefault.ToJson().ToJsonString());
        Assert.NotEqual(spec.Hash(), byDefault.Hash());
    }

    [Fact]
    public void AnAutoWindowLongerThanTheRunIsRefusedInLibraryWords()
    {
        var spec = new RunSpec
        {
            Data = new Winnow.Data.DataSpec { Dataset = "fashion-mnist", Noise = "symmetric:0.2" },
            Trainer = new TrainerOptions { Epochs = 4 },
            Pruning = new DynamicPruning { Pruner = "infobatch", Signal = "das", Alignment = new AlignmentOptions { DasWindow = null } },
        };
        Assert.Equal("the DAS window of 5 epochs (auto) exceeds the 4 training epochs: DAS would never rank (lower it)",
            Assert.Throws<WinnowException>(spec.Validate).Message);
    }
}
