using System.Text.Json.Serialization;
using Winnow.Dynamic;
using Winnow.Scoring;
using Winnow.Settings;

namespace Winnow.Runs;

/// <summary>What a run trains on: all the data, a coreset chosen once, a given selection, or a subset re-chosen every epoch.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NoPruning), "full")]
[JsonDerivedType(typeof(StaticPruning), "static")]
[JsonDerivedType(typeof(GivenSubset), "subset")]
[JsonDerivedType(typeof(DynamicPruning), "dynamic")]
public abstract record PruningSpec
{
    /// <summary>full, static, subset or dynamic (the "kind" the JSON form names it by).</summary>
    [JsonIgnore]
    public string Kind => this switch { NoPruning => "full", StaticPruning => "static", GivenSubset => "subset", _ => "dynamic" };

    public virtual void Validate() { }
}

/// <summary>All the training data every epoch.</summary>
public sealed record NoPruning : PruningSpec
{
}

/// <summary>A coreset chosen once before training: score every sample with a method, keep round(N·f).</summary>
public sealed record StaticPruning : PruningSpec
{
    [Setting("method", "Pruning method (see 'winnow methods')", Choices = typeof(CoresetMethods))]
    public required string Method { get; init; }

    [Setting("fraction", "Kept fraction f in (0, 1]: round(N·f) samples are kept", Label = "kept fraction", Min = 0, Max = 1, MinExclusive = true)]
    public required double Fraction { get; init; }

    public CoresetOptions Scoring { get; init; } = new();

    /// <summary>Train a fresh model on the kept samples; when false the run only selects.</summary>
    public bool Train { get; init; } = true;

    public override void Validate()
    {
        Declared.Validate(this);
        Scoring.Validate();
    }
}

/// <summary>A selection made before (a <see cref="SelectionFile"/>), trained on every epoch; refused for another training set.</summary>
public sealed record GivenSubset : PruningSpec
{
    [Setting("subset", "Train only on the indices in this selection file (selection.txt written by 'winnow prune'), every epoch", Label = "the selection file")]
    public required string Selection { get; init; }

    public override void Validate() => Declared.Validate(this);
}

/// <summary>A subset re-chosen every epoch by a dynamic pruner, ranking by a signal (the loss, or AlignPrune's DAS).</summary>
public sealed record DynamicPruning : PruningSpec
{
    [Setting("dynamic", "Dynamic pruning (see 'winnow methods')", Label = "the dynamic pruner", Choices = typeof(DynamicPruners))]
    public required string Pruner { get; init; }

    public DynamicOptions Options { get; init; } = new();

    [Setting("signal", "What the pruner ranks by: loss (the hosts' own), or — pruning the likely mislabeled first — das (AlignPrune's Dynamic Alignment Score), mean-loss (minus the mean loss) or aum (area under the margin)", Choices = typeof(SampleSignals))]
    public string Signal { get; init; } = "loss";

    /// <summary>The trusted reference set and window, when the signal compares against one (das).</summary>
    public AlignmentOptions Alignment { get; init; } = new();

    public override void Validate()
    {
        Declared.Validate(this);
        Options.Validate();
        Alignment.Validate();
        if (!SampleSignals.All[Signal].NeedsReference && Alignment.HasReference)
            throw new WinnowException($"a reference set applies to a signal that compares against one (das), not to {Signal}");
    }
}
