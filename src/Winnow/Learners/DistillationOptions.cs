using Winnow.Settings;

namespace Winnow.Learners;

/// <summary>
/// Knowledge distillation (Hinton form, <see cref="DistillationLoss"/>): the teacher and the
/// weight α and temperature T of (1 − α)·CE + α·T²·KL(teacher ‖ student).
/// </summary>
public sealed record DistillationOptions
{
    [Setting("teacher", "Distil from this 'winnow train --out' folder (any model with the same inputs and classes)")]
    public string? Teacher { get; init; }

    [Setting("kd-alpha", "Distillation weight α in [0, 1], or auto: chosen from the kept fraction (larger for smaller fractions)",
        Label = "the distillation weight alpha", NullWord = "auto", Min = 0, Max = 1)]
    public double? Alpha { get; init; }

    [Setting("kd-temperature", "Distillation temperature T", Label = "the distillation temperature", Min = 0, MinExclusive = true)]
    public double Temperature { get; init; } = 4;

    public void Validate() => Declared.Validate(this);
}
