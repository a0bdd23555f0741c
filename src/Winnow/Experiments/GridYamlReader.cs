using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Winnow.Experiments;

/// <summary>
/// Reads a YAML grid file into <see cref="GridNode"/>s with line numbers, from YamlDotNet's event
/// parser (its object model would map keys to types and lose the positions errors need).
/// Quoted scalars are strings; plain scalars take the type the key asks for. Anchors and
/// aliases are refused: a grid file should read the same to a person as to the program.
/// </summary>
public static class GridYamlReader
{
    public static GridNode Read(string file, string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _)) throw new WinnowException($"{file}: the grid file is empty");
            var root = ReadValue(parser, file, "");
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _)) throw new WinnowException($"{file}:{parser.Current?.Start.Line}: a grid file holds one YAML document");
            return root;
        }
        catch (YamlException e)
        {
            throw new WinnowException($"{file}:{e.Start.Line}: not valid YAML: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static GridNode ReadValue(IParser parser, string file, string path)
    {
        var current = parser.Current ?? throw new WinnowException($"{file}: unexpected end of the YAML document");
        var line = (int)current.Start.Line;
        switch (current)
        {
            case AnchorAlias:
                throw new WinnowException($"{file}:{line}: {path}: YAML aliases are not supported in grid files; write the value out");
            case NodeEvent { Anchor.IsEmpty: false }:
                throw new WinnowException($"{file}:{line}: {path}: YAML anchors are not supported in grid files");
            case Scalar scalar:
                parser.MoveNext();
                return new GridScalar(file, line, path, scalar.Value, scalar.Style is ScalarStyle.Plain ? ScalarKind.Plain : ScalarKind.String);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<GridNode>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadValue(parser, file, $"{path}[{items.Count}]"));
                return new GridList(file, line, path, items);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<(string, GridNode)>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current as Scalar
                        ?? throw new WinnowException($"{file}:{parser.Current?.Start.Line}: {path}: keys must be plain text");
                    var key = keyEvent.Value;
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (entries.Any(e => e.Item1 == key)) throw new WinnowException($"{file}:{keyEvent.Start.Line}: {childPath}: the key '{key}' appears twice");
                    parser.MoveNext();
                    entries.Add((key, ReadValue(parser, file, childPath)));
                }
                return new GridMap(file, line, path, entries);
            default:
                throw new WinnowException($"{file}:{line}: unexpected YAML {current.GetType().Name}");
        }
    }
}
