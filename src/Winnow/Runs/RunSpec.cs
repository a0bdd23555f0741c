using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Models;
using Winnow.Output;
using Winnow.Settings;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// Everything one run is: the data, the seed, the model, the trainer, the learner (distillation
/// included), what it prunes, what it detects, and the device. Every command and every grid arm
/// is mapped to one of these and executed by <see cref="Runner"/>. Its canonical JSON holds every
/// field and every default, and its SHA-256 (<see cref="Hash"/>) names the run's result in a grid.
/// </summary>
public sealed record RunSpec
{
    /// <summary>Bumped when the meaning of a spec changes, so results of earlier code are not reused.</summary>
    public const int Format = 2;

    public DataSpec Data { get; init; } = new();

    [Setting("seed", "Seed for the subset, the noise, model initialisation, shuffling and augmentation")]
    public int Seed { get; init; }

    [Setting("model", "Model (see 'winnow methods'); default: small-cnn for gray images, resnet18 for colour images, mlp for tables",
        Choices = typeof(ModelCatalog))]
    public string? Model { get; init; }

    [Setting("init", "Start the model from this PyTorch state_dict: a torch.save file (.pt, .pth) or .safetensors, e.g. torchvision's resnet18 weights for resnet18-imagenet",
        Label = "the weights file")]
    public string? Init { get; init; }

    [Setting("init-strict", "Every key of the weights file and the model must match in name and shape; false: load what matches and report the rest")]
    public bool InitStrict { get; init; } = true;

    public TrainerOptions Trainer { get; init; } = new();

    public LearnerOptions Learner { get; init; } = new();

    public PruningSpec Pruning { get; init; } = new NoPruning();

    /// <summary>Scores to measure after training for flagging the noisy labels; none when null.</summary>
    public DetectionSpec? Detection { get; init; }

    /// <summary>Where the computation runs (<see cref="ComputeDevice"/>); a run records the device it resolved to.</summary>
    [Setting("device", "Where to compute: auto (CUDA when libtorch sees a GPU, else the CPU), cpu, cuda or cuda:N",
        Pattern = ComputeDevice.NamePattern, PatternHelp = "one of " + ComputeDevice.Forms)]
    public string Device { get; init; } = ComputeDevice.Auto;

    /// <summary>libtorch's intra-op CPU threads; libtorch's own default (one per core) when null, which leaves the spec's hash as before.</summary>
    [Setting("threads", "libtorch's CPU threads for the run's computation (default: libtorch's own, one per core); another count may change the last digits of the results", Min = 1)]
    public int? Threads { get; init; }

    /// <summary>Whether the small CNN keeps activations channels-last (<see cref="ConvolutionLayout"/>); the default (true) when null, which leaves the spec's hash as before.</summary>
    [Setting("channels-last", "small-cnn keeps its activations channels-last (default: true, faster on CPUs); false: NCHW, libtorch's default layout; the two differ in the results' last digits")]
    public bool? ChannelsLast { get; init; }

    /// <summary>Checks everything that can be checked before any data is loaded, in the library's words.</summary>
    public void Validate()
    {
        Declared.Validate(this);
        Data.Validate();
        Trainer.Validate();
        Learner.Validate(Trainer);
        Pruning.Validate();
        Detection?.Validate();
        if (!InitStrict && Init is null) throw new WinnowException("init-strict applies to a weights file: give --init too");
        var learner = LearnerCatalog.All[Learner.Name];
        var injected = Data.NoiseSpec.Kind != NoiseKind.None;
        switch (Pruning)
        {
            case DynamicPruning dynamic:
                if (!learner.RecordsSamples)
                    throw new WinnowException($"the {learner.Name} learner trains on a fixed set of samples: it cannot be combined with dynamic pruning");
                if (SampleSignals.All[dynamic.Signal].NeedsReference)
                {
                    CheckReference(dynamic.Alignment, injected);
                    var window = dynamic.Alignment.WindowFor(Trainer.Epochs);
                    if (window > Trainer.Epochs)
                        throw new WinnowException($"the DAS window of {window} epochs{(dynamic.Alignment.DasWindow is null ? " (auto)" : "")} exceeds the {Trainer.Epochs} training epochs: DAS would never rank (lower it)");
                }
                break;
            case StaticPruning { Train: false }:
                if (Learner.Distillation is not null || !learner.RecordsSamples)
                    throw new WinnowException("distillation and the dividemix learner apply to training on the selection: train on it too");
                break;
        }
        if (Detection is { } detection)
        {
            if (Pruning is not NoPruning) throw new WinnowException("detection trains on all the data: it takes no pruning");
            if (!learner.RecordsSamples) throw new WinnowException($"detection reads per-sample losses, which the {learner.Name} learner does not record");
            if (detection.Named?.Contains("das") == true) CheckReference(detection.Alignment, injected);
        }
    }

    /// <summary>A reference set drawn from clean samples (the default: 1%) needs injected noise; a file needs none.</summary>
    private static void CheckReference(AlignmentOptions alignment, bool injected)
    {
        if (alignment.Reference is null && !injected)
            throw new WinnowException("DAS needs a trusted reference set: without injected noise no clean samples are known, so give a reference file of trusted indices");
    }

    /// <summary>The spec as canonical JSON: every field, with the format version.</summary>
    public JsonObject ToJson()
    {
        var node = JsonSerializer.SerializeToNode(this, Json.Options)!.AsObject();
        node["format"] = Format;
        return node;
    }

    /// <summary>SHA-256 of the canonical JSON: any change to what the run computes changes it.</summary>
    public string Hash() => CanonicalJson.Hash(ToJson());

    /// <summary>The full-data cross-entropy run of the same data, seed, model and trainer: the distillation teacher and the yardstick of relative cost.</summary>
    public RunSpec TeacherSpec() => this with { Learner = new LearnerOptions(), Pruning = new NoPruning(), Detection = null };
}
