using Winnow.Dynamic;
using Winnow.Scoring;

namespace Winnow.Experiments;

/// <summary>
/// One thing a grid compares. Every arm names its learner as a string (ce, sop, and whatever
/// <see cref="Learners.LearnerOptions.Names"/> accepts later) and carries a label for tables.
/// </summary>
public abstract record GridArm(string Label, string Learner);

/// <summary>All the training data every epoch: the yardstick, and (with ce) the distillation teacher.</summary>
public sealed record FullArm(string Label, string Learner) : GridArm(Label, Learner);

/// <summary>Distillation settings of a static arm; a null alpha means α chosen from the kept fraction.</summary>
public sealed record KdSetting(double? Alpha, double Temperature);

/// <summary>A coreset chosen once before training, at each of the block's kept fractions.</summary>
public sealed record StaticArm(string Label, string Learner, string Method, CoresetOptions Scoring, KdSetting? Kd) : GridArm(Label, Learner);

/// <summary>
/// A dynamic pruner at its own prune ratio, with AlignPrune's DAS ranking when <c>Align</c>.
/// It runs once per dataset × noise × seed: the block's kept fractions do not apply, because a
/// prune ratio is not a kept fraction (InfoBatch drops r of the below-mean samples only, and
/// anneals to full data); reports place it at the fraction of full training it measured.
/// </summary>
public sealed record DynamicArm(string Label, string Learner, string Pruner, DynamicOptions Options, bool Reweight,
    bool Align, double ReferenceSize, int DasWindow) : GridArm(Label, Learner);
