using System.Globalization;

namespace Winnow.Experiments;

/// <summary>
/// One of N shards of a grid (1-based): the runs one worker of a job array does. Given as
/// <c>K/N</c>, or read from the scheduler's environment — SLURM job arrays
/// (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX/STEP, or SLURM_ARRAY_TASK_COUNT) and
/// Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, 0-based, with a count given, since the pod
/// is not told it). Shard 1/1 is the whole grid, and writes the unsharded file names.
/// </summary>
public sealed record GridShard(int Index, int Count)
{
    public static readonly GridShard Whole = new(1, 1);

    public bool IsWhole => Count == 1;

    /// <summary>"shard-2-of-3": the suffix of this shard's results, failures, lock and plan files.</summary>
    public string Name => Invariant($"shard-{Index}-of-{Count}");

    public override string ToString() => Invariant($"{Index}/{Count}");

    /// <summary>Parses "K/N" with 1 ≤ K ≤ N.</summary>
    public static GridShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new WinnowException($"a shard is K/N, e.g. 2/3 (got '{text}')");
        return Of(index, count, $"'{text}'");
    }

    private static GridShard Of(int index, int count, string source)
    {
        if (count < 1) throw new WinnowException($"there is at least 1 shard (got {count} from {source})");
        if (index < 1 || index > count) throw new WinnowException($"shard {index} of {count} does not exist: K runs from 1 to N (from {source})");
        return new GridShard(index, count);
    }

    /// <summary>
    /// The shard the scheduler's environment names, or null outside a job array. SLURM needs no
    /// count; a Kubernetes Indexed Job gives its index and <paramref name="count"/> its completions.
    /// </summary>
    public static GridShard? FromEnvironment(Func<string, string?> variable, int? count = null)
    {
        if (variable("SLURM_ARRAY_TASK_ID") is { } id)
        {
            var task = Number("SLURM_ARRAY_TASK_ID", id);
            var min = variable("SLURM_ARRAY_TASK_MIN") is { } m ? Number("SLURM_ARRAY_TASK_MIN", m) : 1;
            var step = variable("SLURM_ARRAY_TASK_STEP") is { } s ? Number("SLURM_ARRAY_TASK_STEP", s) : 1;
            if (step < 1 || (task - min) % step != 0) throw new WinnowException($"SLURM array task {task} is not on the array's steps (min {min}, step {step})");
            var tasks = variable("SLURM_ARRAY_TASK_COUNT") is { } c ? Number("SLURM_ARRAY_TASK_COUNT", c)
                : variable("SLURM_ARRAY_TASK_MAX") is { } max ? (Number("SLURM_ARRAY_TASK_MAX", max) - min) / step + 1
                : throw new WinnowException("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX: the number of shards is unknown (give --shard K/N)");
            if (count is { } given && given != tasks) throw new WinnowException($"--shard-count {given} disagrees with the SLURM array's {tasks} tasks");
            return Of((task - min) / step + 1, tasks, Invariant($"SLURM array task {task}"));
        }
        if (variable("JOB_COMPLETION_INDEX") is { } completion)
        {
            var index = Number("JOB_COMPLETION_INDEX", completion);
            if (count is not { } total) throw new WinnowException("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the job's completions as --shard-count N");
            return Of(index + 1, total, Invariant($"JOB_COMPLETION_INDEX {index}"));
        }
        if (count is not null) throw new WinnowException("--shard-count needs a job array's index (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); outside one, give --shard K/N");
        return null;
    }

    /// <summary>The shard given as K/N, else the job array's (<see cref="FromEnvironment"/>); null outside one.</summary>
    public static GridShard? Resolve(string? given, int? count, Func<string, string?> variable) =>
        given is not null
            ? count is null ? Parse(given) : throw new WinnowException("give either K/N or a shard count N, not both")
            : FromEnvironment(variable, count);

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new WinnowException($"{name} is not a whole number (got '{value}')");

    /// <summary>The file of this shard beside the unsharded one: results.jsonl → results.shard-2-of-3.jsonl; the whole grid keeps the plain name.</summary>
    public string FileName(string plain)
    {
        if (IsWhole) return plain;
        var extension = Path.GetExtension(plain);
        return extension.Length == 0 ? $"{plain}.{Name}" : $"{Path.GetFileNameWithoutExtension(plain)}.{Name}{extension}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
