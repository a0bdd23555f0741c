namespace Winnow;

/// <summary>What every registered thing has: the name the command line and grid files take, and a one-line description.</summary>
public interface IRegistered
{
    string Name { get; }

    string Description { get; }
}

/// <summary>
/// One shape for every catalogue — models, coreset methods, dynamic pruners, learners, signals:
/// entries with a name, a one-line description and a factory, looked up by name. `winnow methods`,
/// every `--help` and every validation message read the same list, so a new entry appears
/// everywhere by being registered once.
/// </summary>
public sealed class Registry<TEntry>(string kind, IReadOnlyList<TEntry> entries) : IReadOnlyList<TEntry> where TEntry : IRegistered
{
    /// <summary>What the entries are, for messages: "method", "learner".</summary>
    public string Kind { get; } = kind;

    public IReadOnlyList<string> Names { get; } = entries.Select(e => e.Name).ToArray();

    public int Count => entries.Count;

    public TEntry this[int index] => entries[index];

    /// <exception cref="WinnowException">No entry has that name.</exception>
    public TEntry this[string name] =>
        entries.FirstOrDefault(e => e.Name == name.Trim().ToLowerInvariant())
        ?? throw new WinnowException($"unknown {Kind} '{name}'; known: {string.Join(", ", Names)}");

    public bool Contains(string name) => Names.Contains(name.Trim().ToLowerInvariant());

    public IEnumerator<TEntry> GetEnumerator() => entries.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
