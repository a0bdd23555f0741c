namespace Winnow.Data;

/// <summary>Which data to load and how to corrupt its labels; the CLI's data options.</summary>
public sealed record DataOptions
{
    /// <summary>fashion-mnist, mnist, idx:DIR, cifar10:DIR, cifar100:DIR or csv:TRAIN[,TEST].</summary>
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>Folder holding the dataset's files; overrides WINNOW_DATA and the default location.</summary>
    public string? DataDir { get; init; }

    /// <summary>CSV only: the label column (0-based index or header name); last column when null.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Keep a seeded class-stratified subset of this many training samples; all when null.</summary>
    public int? TrainSize { get; init; }

    /// <summary>none | symmetric:R | asymmetric:R | instance:R | file:PATH.</summary>
    public string Noise { get; init; } = "none";

    public int Seed { get; init; }
}
