namespace Winnow.Experiments;

/// <summary>DIR/failures.jsonl: the runs of a grid that failed (<see cref="RunFailure"/>), appended atomically.</summary>
public static class FailureStore
{
    public const string FileName = "failures.jsonl";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static IReadOnlyList<RunFailure> Read(string directory) => JsonLinesFile.Read<RunFailure>(PathIn(directory), "a failed run");

    public static void Append(string directory, RunFailure failure) => JsonLinesFile.Append(PathIn(directory), failure);
}
