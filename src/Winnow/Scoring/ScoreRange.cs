using System.Globalization;

namespace Winnow.Scoring;

/// <summary>
/// The training-set indices [From, To) a scoring worker scores: the whole set, or one shard of it.
/// Shard boundaries fall on multiples of <see cref="Alignment"/>, so a shard's inference batches
/// (128 samples) and per-sample gradient chunks (256) are the very batches of the unsharded pass,
/// and its scores are the unsharded scores bit for bit.
/// </summary>
public sealed record ScoreRange(int From, int To)
{
    public const int Alignment = 256;

    public int Count => To - From;

    public static ScoreRange All(int count) => new(0, count);

    public bool IsAll(int count) => From == 0 && To == count;

    public bool Contains(int index) => index >= From && index < To;

    /// <summary>
    /// Shard <paramref name="index"/> of <paramref name="shards"/> (1-based) of <paramref name="count"/>
    /// samples: the aligned block boundaries nearest k·count/shards; a shard may be empty when
    /// there are more shards than blocks.
    /// </summary>
    public static ScoreRange Shard(int index, int shards, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, shards);
        var blocks = (count + Alignment - 1) / Alignment;
        int Boundary(int k) => (int)Math.Min(count, (long)Math.Round((double)blocks * k / shards, MidpointRounding.AwayFromZero) * Alignment);
        return new ScoreRange(Boundary(index - 1), Boundary(index));
    }

    /// <summary>The range's part of a per-sample array of the whole set.</summary>
    public T[] Slice<T>(T[] whole) => IsAll(whole.Length) ? whole : whole[From..To];

    public int[] Indices() => Enumerable.Range(From, Count).ToArray();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{From}, {To})");
}
