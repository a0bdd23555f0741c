using System.Globalization;
using System.Text;

namespace Winnow.Data.Readers;

/// <summary>
/// The header of an .npy file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (5, 3), }</c>. Parsed by hand, as a
/// tiny literal (strings, integers, True/False/None, tuples, lists, dicts), tolerant of spacing,
/// trailing commas and Python 2's long suffix, so that every mistake becomes one line naming the
/// file rather than a parser's exception.
/// </summary>
internal static class NpyHeader
{
    public static (NpyDtype Dtype, bool FortranOrder, int[] Shape) Parse(string header, string source)
    {
        var fields = new Literal(header, source).Top();
        object? Field(string key) =>
            fields.TryGetValue(key, out var value) ? value : throw new WinnowException($"{source}: its .npy header has no '{key}' ({Excerpt(header)})");

        var dtype = Field("descr") switch
        {
            string text => NpyDtype.Parse(text),
            List<object?> => throw new WinnowException($"{source} holds a structured dtype (named fields), which Winnow does not read; save each field as its own array"),
            _ => throw new WinnowException($"{source}: the 'descr' of its .npy header is not a dtype string ({Excerpt(header)})"),
        };
        var fortranOrder = Field("fortran_order") as bool?
            ?? throw new WinnowException($"{source}: the 'fortran_order' of its .npy header is not True or False ({Excerpt(header)})");
        if (Field("shape") is not List<object?> sizes || sizes.Any(s => s is not long size || size < 0 || size > int.MaxValue))
            throw new WinnowException($"{source}: the 'shape' of its .npy header is not a tuple of sizes ({Excerpt(header)})");
        return (dtype, fortranOrder, sizes.Select(s => (int)(long)s!).ToArray());
    }

    private static string Excerpt(string header)
    {
        var text = header.ReplaceLineEndings(" ").Trim();
        return text.Length <= 100 ? text : text[..100] + "…";
    }

    /// <summary>A recursive-descent reader of the Python literals a header may hold.</summary>
    private sealed class Literal(string text, string source)
    {
        private int _at;

        public Dictionary<string, object?> Top()
        {
            Skip();
            if (Peek() != '{') throw Fail("it does not start with '{'");
            var fields = Dict();
            Skip();
            if (_at < text.Length) throw Fail($"'{text[_at]}' follows the dict");
            return fields;
        }

        private object? Value()
        {
            Skip();
            return Peek() switch
            {
                '{' => Dict(),
                '(' => Sequence(')'),
                '[' => Sequence(']'),
                '\'' or '"' => Text(),
                var c when char.IsAsciiDigit(c) || c is '-' or '+' => Integer(),
                var c when char.IsAsciiLetter(c) => Word(),
                '\0' => throw Fail("it ends early"),
                var c => throw Fail($"unexpected '{c}'"),
            };
        }

        private Dictionary<string, object?> Dict()
        {
            _at++;
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                Skip();
                if (Peek() == '}') { _at++; return fields; }
                if (Value() is not string key) throw Fail("a dict key is not a string");
                Skip();
                if (Peek() != ':') throw Fail($"no ':' after the key '{key}'");
                _at++;
                fields[key] = Value();
                if (!Separator('}')) return fields;
            }
        }

        private List<object?> Sequence(char close)
        {
            _at++;
            var items = new List<object?>();
            while (true)
            {
                Skip();
                if (Peek() == close) { _at++; return items; }
                items.Add(Value());
                if (!Separator(close)) return items;
            }
        }

        /// <summary>After an item: true at a comma (more may follow), false past the closing bracket.</summary>
        private bool Separator(char close)
        {
            Skip();
            if (Peek() == ',') { _at++; return true; }
            if (Peek() == close) { _at++; return false; }
            throw Fail(_at < text.Length ? $"expected ',' or '{close}', found '{text[_at]}'" : "it ends early");
        }

        private string Text()
        {
            var quote = text[_at++];
            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != quote)
            {
                if (text[_at] == '\\' && _at + 1 < text.Length) _at++;
                value.Append(text[_at++]);
            }
            if (_at >= text.Length) throw Fail("a string is not closed");
            _at++;
            return value.ToString();
        }

        private long Integer()
        {
            var start = _at;
            if (text[_at] is '-' or '+') _at++;
            while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
            var digits = text[start.._at];
            if (_at < text.Length && text[_at] is 'L' or 'l') _at++; // Python 2 wrote (3L, 4L)
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value : throw Fail($"'{digits}' is not an integer");
        }

        private object? Word()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            return text[start.._at] switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                var word => throw Fail($"'{word}' is not a Python literal"),
            };
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private WinnowException Fail(string problem) =>
            new($"{source}: its .npy header is not a NumPy header dict ({problem}, at character {_at}): {Excerpt(text)}");
    }
}
