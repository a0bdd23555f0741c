namespace Winnow;

/// <summary>
/// Derives independent, stable seeds for each random step (subset, noise, shuffling of epoch e,
/// augmentation …) from the one seed the user gives, so that changing how often one step draws
/// random numbers never changes another step's draws. string.GetHashCode is randomised per
/// process in .NET, hence FNV-1a.
/// </summary>
public static class Seeds
{
    public static int Derive(int seed, string purpose, int index = 0)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in purpose)
            {
                hash = (hash ^ c) * 16777619u;
            }
            hash = (hash ^ (uint)seed) * 16777619u;
            hash = (hash ^ (uint)(seed >> 16)) * 16777619u;
            hash = (hash ^ (uint)index) * 16777619u;
            hash = (hash ^ (uint)(index >> 16)) * 16777619u;
            return (int)(hash & 0x7fffffff);
        }
    }
}
