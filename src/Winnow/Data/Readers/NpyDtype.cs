using System.Globalization;

namespace Winnow.Data.Readers;

/// <summary>
/// A NumPy dtype as an .npy header writes it ('&lt;f4', '|u1', '&gt;i8', '&lt;U7', '|O'): the byte
/// order, the kind letter and the size of one item in bytes. Kept apart from the reader so that
/// errors can name a dtype the way NumPy does (float32, str) whether or not Winnow reads it.
/// </summary>
/// <param name="Descr">The header's text, for messages.</param>
/// <param name="Kind">NumPy's kind letter: f float, i signed, u unsigned, b bool, U unicode, S bytes, O object, c complex …</param>
/// <param name="ItemSize">Bytes per item (4 per character for U); 0 when the descr gives none.</param>
/// <param name="BigEndian">'&gt;': the bytes of each item are most significant first.</param>
public sealed record NpyDtype(string Descr, char Kind, int ItemSize, bool BigEndian)
{
    public bool IsFloat => Kind == 'f';

    public bool IsInteger => Kind is 'i' or 'u';

    public bool IsText => Kind is 'U' or 'S';

    /// <summary>NumPy's name for the dtype: float32, uint8, str, bytes, bool, object …</summary>
    public string Name => Kind switch
    {
        'f' => $"float{ItemSize * 8}",
        'i' => $"int{ItemSize * 8}",
        'u' => $"uint{ItemSize * 8}",
        'c' => $"complex{ItemSize * 8}",
        'b' => "bool",
        'U' => "str",
        'S' => "bytes",
        'O' => "object",
        'M' => "datetime64",
        'm' => "timedelta64",
        'V' => "void",
        _ => Descr,
    };

    /// <summary>Parses a descr string; any text gives a dtype, one Winnow may not read.</summary>
    public static NpyDtype Parse(string descr)
    {
        var text = descr.Trim();
        var hasOrder = text.Length > 0 && text[0] is '<' or '>' or '|' or '=';
        var order = hasOrder ? text[0] : '=';
        var rest = hasOrder ? text[1..] : text;
        var kind = rest.Length > 0 ? rest[0] : '?';
        var digits = new string(rest.Skip(1).TakeWhile(char.IsAsciiDigit).ToArray());
        var count = digits.Length > 0 && digits.Length < 10 ? int.Parse(digits, CultureInfo.InvariantCulture) : 0;
        // NumPy counts characters for unicode strings, each stored as 4 bytes of UTF-32.
        var itemSize = kind == 'U' ? (count <= int.MaxValue / 4 ? count * 4 : 0) : count;
        return new NpyDtype(descr, kind, itemSize, order == '>' || (order == '=' && !BitConverter.IsLittleEndian));
    }
}
