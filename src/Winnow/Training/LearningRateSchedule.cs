namespace Winnow.Training;

public enum LearningRateSchedule
{
    /// <summary>lr_e = lr · ½(1 + cos(π·e/E)) for epoch e = 0 … E−1.</summary>
    Cosine,
    /// <summary>The same learning rate every epoch.</summary>
    Constant,
}

public static class LearningRates
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>.</summary>
    public static double At(LearningRateSchedule schedule, double baseRate, int epoch, int epochs) => schedule switch
    {
        LearningRateSchedule.Cosine => baseRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)),
        _ => baseRate,
    };
}
