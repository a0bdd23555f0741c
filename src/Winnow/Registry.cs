using System.Text.RegularExpressions;

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
/// everywhere by being registered once — Winnow's own at start-up, an app's with <see cref="Add"/>.
/// </summary>
public sealed partial class Registry<TEntry> : IReadOnlyList<TEntry> where TEntry : IRegistered
{
    private readonly Lock _gate = new();
    private TEntry[] _entries;

    public Registry(string kind, IReadOnlyList<TEntry> entries)
    {
        Kind = kind;
        _entries = [];
        foreach (var entry in entries) Add(entry);
    }

    /// <summary>What the entries are, for messages: "method", "learner".</summary>
    public string Kind { get; }

    /// <summary>The names, in registration order (a snapshot).</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToArray();

    public int Count => _entries.Length;

    public TEntry this[int index] => _entries[index];

    /// <exception cref="WinnowException">No entry has that name.</exception>
    public TEntry this[string name] =>
        _entries.FirstOrDefault(e => e.Name == name.Trim().ToLowerInvariant())
        ?? throw new WinnowException($"unknown {Kind} '{name}'; known: {string.Join(", ", Names)}");

    public bool Contains(string name) => _entries.Any(e => e.Name == name.Trim().ToLowerInvariant());

    /// <summary>
    /// Registers an entry under its name, which must be new and written as the command line takes
    /// it (lower case, digits and dashes: "my-cnn"). Returns a handle that removes it again.
    /// </summary>
    public IDisposable Add(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Name is null || !NamePattern().IsMatch(entry.Name))
            throw new ArgumentException($"a {Kind} name is lower case letters, digits and single dashes, starting with a letter (got '{entry.Name}')", nameof(entry));
        lock (_gate)
        {
            if (_entries.Any(e => e.Name == entry.Name)) throw new ArgumentException($"a {Kind} named '{entry.Name}' is registered already", nameof(entry));
            _entries = [.. _entries, entry];
        }
        return new Registration(this, entry);
    }

    private void Remove(TEntry entry)
    {
        lock (_gate) _entries = _entries.Where(e => !ReferenceEquals(e, entry)).ToArray();
    }

    public IEnumerator<TEntry> GetEnumerator() => ((IEnumerable<TEntry>)_entries).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    private sealed class Registration(Registry<TEntry> registry, TEntry entry) : IDisposable
    {
        private int _removed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 0) registry.Remove(entry);
        }
    }
}
