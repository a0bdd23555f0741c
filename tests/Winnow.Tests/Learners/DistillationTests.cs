using Winnow.Settings;
using Winnow.Learners;
using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners;

[Collection(TorchGlobalRandomCollection.Name)]
public class DistillationTests
{
    [Fact]
    public void AlphaZeroIsPlainCrossEntropy()
    {
        var student = tensor(new[] { 1f, 2f, 0.5f, -1f, 0f, 3f }, [2, 3]);
        var teacher = tensor(new[] { 5f, 0f, 0f, 0f, 5f, 0f }, [2, 3]);
        var labels = tensor(new long[] { 1, 2 });
        var kd = DistillationLoss.PerSample(student, teacher, labels, 0, 4);
        var ce = nn.functional.cross_entropy(student, labels, reduction: nn.Reduction.None);
        Assert.True(kd.allclose(ce));
    }

    [Fact]
    public void AlphaOneAgainstItselfIsZero()
    {
        var logits = tensor(new[] { 1f, 2f, 0.5f, -1f, 0f, 3f }, [2, 3]);
        var kd = DistillationLoss.PerSample(logits, logits.clone(), tensor(new long[] { 0, 0 }), 1, 4);
        Assert.Equal(0f, kd.abs().max().item<float>(), 6);
    }

    [Fact]
    public void MixedLossMatchesAHandComputation()
    {
        // T = 2: teacher logits (2 ln 3, 0) soften to (0.75, 0.25); the student (0, 0) to (0.5, 0.5).
        // KL = 0.75 ln 1.5 + 0.25 ln 0.5; loss = 0.5·ln 2 + 0.5·4·KL.
        var kd = DistillationLoss.PerSample(tensor(new[] { 0f, 0f }, [1, 2]), tensor(new[] { 2 * MathF.Log(3), 0f }, [1, 2]),
            tensor(new long[] { 0 }), 0.5, 2);
        var kl = 0.75 * Math.Log(1.5) + 0.25 * Math.Log(0.5);
        Assert.Equal(0.5 * Math.Log(2) + 0.5 * 4 * kl, kd.item<float>(), 5);
    }

    [Fact]
    public void BadAlphaOrTemperatureIsRefused()
    {
        Assert.Equal("the distillation weight alpha must be in [0, 1] (got 1.5)", Assert.Throws<SettingException>(() => DistillationLearner.Validate(1.5, 4)).Message);
        Assert.Equal("the distillation weight alpha must be in [0, 1] (got -0.1)", Assert.Throws<SettingException>(() => DistillationLearner.Validate(-0.1, 4)).Message);
        Assert.Equal("the distillation temperature must be above 0 (got 0)", Assert.Throws<SettingException>(() => DistillationLearner.Validate(0.5, 0)).Message);
        var alpha = Assert.Throws<SettingException>(() => new LearnerOptions { Distillation = new DistillationOptions { Teacher = "t", Alpha = 2 } }.Validate(new TrainerOptions()));
        Assert.Equal("the distillation weight alpha must be in [0, 1] (got 2)", alpha.Message);
        var sop = Assert.Throws<WinnowException>(() => new LearnerOptions { Distillation = new DistillationOptions { Teacher = "t" }, Name = "sop" }.Validate(new TrainerOptions()));
        Assert.Equal("knowledge distillation works with the ce learner only (got sop)", sop.Message);
    }

    [Fact]
    public void AutoAlphaNeverRisesWithTheKeptFraction()
    {
        var previous = double.PositiveInfinity;
        for (var f = 0.01; f <= 1.0 + 1e-9; f += 0.01)
        {
            var alpha = DistillationWeight.Auto(Math.Min(f, 1));
            Assert.InRange(alpha, 0, 1);
            Assert.True(alpha <= previous + 1e-12, $"α rose at f = {f}");
            previous = alpha;
        }
        Assert.True(DistillationWeight.Auto(0.1) > DistillationWeight.Auto(1.0));
        // The fitted points (0.1, 1), (0.3, 0.75), (0.5, 0.75), (1, 0), joined linearly, flat below 0.1.
        Assert.Equal(1.0, DistillationWeight.Auto(0.05), 12);
        Assert.Equal(0.875, DistillationWeight.Auto(0.2), 12);
        Assert.Equal(0.75, DistillationWeight.Auto(0.4), 12);
        Assert.Equal(0.375, DistillationWeight.Auto(0.75), 12);
        Assert.Equal(0.0, DistillationWeight.Auto(1.0), 12);
        Assert.Throws<WinnowException>(() => DistillationWeight.Auto(0));
        Assert.Throws<WinnowException>(() => DistillationWeight.Auto(1.2));
    }

    [Fact]
    public void CachedTeacherLogitsOfTheKeptSubsetGiveTheSameLossesAsATeacherPassPerStep()
    {
        using var data = Synthetic.Blobs(40, seed: 2);
        random.manual_seed(5);
        using var teacher = ModelCatalog.Create("mlp", [8], 3);
        using var student = ModelCatalog.Create("mlp", [8], 3);
        using var cached = new DistillationLearner(teacher, data, 0.7, 3, cache: true, trained: [39, 0, 5, 17, 3]);
        using var live = new DistillationLearner(teacher, data, 0.7, 3, cache: false);
        var indices = tensor(new long[] { 3, 17, 0, 39 });
        var inputs = data.Inputs.index_select(0, indices);
        var labels = data.LabelTensor.index_select(0, indices);
        student.eval();
        var logits = student.call(inputs);
        var batch = new LearnerBatch(student, indices, inputs, inputs, labels, logits, 0);
        Assert.True(cached.Loss(batch).PerSample.allclose(live.Loss(batch).PerSample, rtol: 1e-5, atol: 1e-6));
        Assert.True(cached.Cached);
        Assert.False(live.Cached);
    }

    [Fact]
    public void ADivergingStudentIsToldThatTheTemperatureCanBeLoweredToo()
    {
        using var data = Synthetic.Blobs(40, seed: 2);
        data.Inputs[3, 2] = tensor(float.NaN);
        random.manual_seed(5);
        using var teacher = ModelCatalog.Create("mlp", [8], 3);
        using var student = ModelCatalog.Create("mlp", [8], 3);
        var learner = new DistillationLearner(teacher, data, 0.75, 4, cache: false); // the trainer disposes it
        using var trainer = new Trainer(student, data, new TrainerOptions { Epochs = 1, BatchSize = 40, LearningRate = 0.05 }, seed: 1, learner);
        var error = Assert.Throws<WinnowException>(() => trainer.TrainEpoch(EpochPlan.All(data.Count)));
        Assert.Contains("lower the learning rate (now 0.05) or the distillation temperature (now 4) or check the inputs for NaN", error.Message);
    }

    [Fact]
    public void ATeacherForOtherClassesOrInputsIsRefused()
    {
        using var folder = new TempFolder();
        using var data = Synthetic.Blobs(30, classes: 3, seed: 1);
        using (var model = ModelCatalog.Create("mlp", [8], 4))
            Checkpoint.Save(folder.File("four"), model, new Checkpoint("mlp", [8], 4, 1));
        using (var model = ModelCatalog.Create("mlp", [5], 3))
            Checkpoint.Save(folder.File("narrow"), model, new Checkpoint("mlp", [5], 3, 1));
        Assert.Contains("predicts 4 classes but the data has 3",
            Assert.Throws<WinnowException>(() => Teacher.Load(folder.File("four"), data)).Message);
        Assert.Contains("takes inputs of shape [5]",
            Assert.Throws<WinnowException>(() => Teacher.Load(folder.File("narrow"), data)).Message);
    }
}
