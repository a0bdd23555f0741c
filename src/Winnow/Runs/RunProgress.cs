using Winnow.Data;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// Progress of a run: a phase beginning ("data", "teacher", "scoring", "training", "detection"),
/// then the trainer's progress within it; once the data is prepared, the data itself and the device
/// the run computes on (to say what was loaded and where it runs); a note worth a line (what a
/// weights file loaded). The library never writes to the console: the CLI renders this.
/// </summary>
public sealed record RunProgress(string Phase, TrainingProgress? Training = null, PreparedData? Data = null, string? Device = null, string? Note = null)
{
    /// <summary>While an image folder's cache is built: images decoded so far, of how many.</summary>
    public (int Done, int Total)? Decoded { get; init; }
}
