namespace Winnow.Training;

public enum LearningRateSchedule
{
    /// <summary>lr_e = lr_min + (lr − lr_min) · ½(1 + cos(π·e/E)) for epoch e = 0 … E−1 (PyTorch's CosineAnnealingLR with T_max = E).</summary>
    Cosine,
    /// <summary>The same learning rate every epoch.</summary>
    Constant,
}

public static class LearningRates
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>.</summary>
    /// <param name="minimum">Where the cosine ends (PyTorch's eta_min).</param>
    public static double At(LearningRateSchedule schedule, double baseRate, int epoch, int epochs, double minimum = 0) => schedule switch
    {
        LearningRateSchedule.Cosine => minimum + (baseRate - minimum) * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)),
        _ => baseRate,
    };
}
