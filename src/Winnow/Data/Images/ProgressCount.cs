namespace Winnow.Data.Images;

/// <summary>Images decoded so far out of all a load decodes, reported on the loading thread after each block.</summary>
internal sealed class ProgressCount(IProgress<(int Done, int Total)>? progress, int total)
{
    private int _done;

    public void Start()
    {
        if (total > 0) progress?.Report((0, total));
    }

    public void Add(int count)
    {
        _done += count;
        progress?.Report((_done, total));
    }
}
