using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Winnow.Data.Noise;

/// <summary>
/// A pickle reader that builds data and nothing else. Python's pickle calls whatever callable
/// a file names, so a downloaded .pt file can run code; this one resolves a global only
/// through a whitelist of what torch.save needs for a dict of numpy arrays, tensors or lists
/// (see <see cref="Allowed"/>) and refuses any other name (os.system, builtins.eval, a class
/// of the writer's) at the opcode that names it, before anything is built. Written here rather
/// than on Razorvine.Pickle (which TorchSharp.PyBridge brings): its constructors are registered
/// process-wide, where PyBridge keeps its own for torch._utils._rebuild_tensor_v2, and it turns
/// unknown classes into ClassDicts with no hook to refuse them.
/// </summary>
internal sealed class RestrictedUnpickler
{
    /// <summary>What a file of labels may name, by module and name (numpy 2 moved numpy.core to numpy._core).</summary>
    public static readonly IReadOnlyDictionary<(string Module, string Name), AllowedGlobal> Allowed = new Dictionary<(string, string), AllowedGlobal>
    {
        [("collections", "OrderedDict")] = AllowedGlobal.OrderedDict,
        // Protocol 2 pickles bytes as _codecs.encode(latin-1 text, 'latin1'), and b'' as bytes().
        [("_codecs", "encode")] = AllowedGlobal.CodecsEncode,
        [("builtins", "bytes")] = AllowedGlobal.Bytes,
        [("__builtin__", "bytes")] = AllowedGlobal.Bytes,
        [("numpy.core.multiarray", "_reconstruct")] = AllowedGlobal.NumpyReconstruct,
        [("numpy._core.multiarray", "_reconstruct")] = AllowedGlobal.NumpyReconstruct,
        [("numpy.core.numeric", "_frombuffer")] = AllowedGlobal.NumpyFromBuffer,
        [("numpy._core.numeric", "_frombuffer")] = AllowedGlobal.NumpyFromBuffer,
        [("numpy.core.multiarray", "scalar")] = AllowedGlobal.NumpyScalar,
        [("numpy._core.multiarray", "scalar")] = AllowedGlobal.NumpyScalar,
        [("numpy", "ndarray")] = AllowedGlobal.NumpyArrayType,
        [("numpy", "dtype")] = AllowedGlobal.NumpyDtype,
        [("torch._utils", "_rebuild_tensor")] = AllowedGlobal.RebuildTensor,
        [("torch._utils", "_rebuild_tensor_v2")] = AllowedGlobal.RebuildTensorV2,
    };

    private const int HighestProtocol = 5;

    private readonly byte[] _data;
    private readonly string _path;
    private readonly Func<PyTuple, object>? _persistentLoad;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _position;

    /// <param name="persistentLoad">Turns a persistent id (torch's storage records) into its object; null refuses them.</param>
    public RestrictedUnpickler(byte[] data, string path, Func<PyTuple, object>? persistentLoad = null, int start = 0)
    {
        _data = data;
        _path = path;
        _persistentLoad = persistentLoad;
        _position = start;
    }

    /// <summary>Where the next pickle of the stream starts (torch's legacy format writes several in a row).</summary>
    public int Position => _position;

    /// <summary>Reads one pickle, up to its STOP.</summary>
    public object? Load()
    {
        _stack.Clear();
        _marks.Clear();
        _memo.Clear();
        while (true)
        {
            var at = _position;
            var opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: // PROTO
                    var protocol = ReadByte();
                    if (protocol > HighestProtocol) throw Corrupt($"it uses pickle protocol {protocol}; the highest is {HighestProtocol}");
                    break;
                case 0x95: Skip(8); break; // FRAME: a length hint only
                case (byte)'.': // STOP
                    if (_stack.Count != 1 || _marks.Count > 0) throw Corrupt("its pickle ends with a malformed stack");
                    return _stack[0];

                case (byte)'(': _marks.Push(_stack.Count); break; // MARK
                case (byte)'0': Pop(); break; // POP
                case (byte)'1': PopMark(); break; // POP_MARK
                case (byte)'2': Push(Peek()); break; // DUP

                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break; // NEWTRUE
                case 0x89: Push(false); break; // NEWFALSE
                case (byte)'I': Push(ParseIntLine(ReadLine())); break; // INT (protocol 0; "01"/"00" are booleans)
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                case (byte)'K': Push((long)ReadByte()); break; // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case (byte)'L': Push(Normalise(ParseBigInteger(ReadLine().TrimEnd('L')))); break; // LONG
                case 0x8a: Push(Normalise(new BigInteger(Take(ReadByte()), isUnsigned: false, isBigEndian: false))); break; // LONG1
                case 0x8b: Push(Normalise(new BigInteger(Take(ReadLength(4)), isUnsigned: false, isBigEndian: false))); break; // LONG4
                case (byte)'F': Push(ParseDouble(ReadLine())); break; // FLOAT
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT

                case (byte)'X': Push(DecodeUtf8(Take(ReadLength(4)))); break; // BINUNICODE
                case 0x8c: Push(DecodeUtf8(Take(ReadByte()))); break; // SHORT_BINUNICODE
                case 0x8d: Push(DecodeUtf8(Take(ReadLength(8)))); break; // BINUNICODE8
                case (byte)'T': Push(Encoding.Latin1.GetString(Take(ReadLength(4)))); break; // BINSTRING (Python 2 str)
                case (byte)'U': Push(Encoding.Latin1.GetString(Take(ReadByte()))); break; // SHORT_BINSTRING
                case (byte)'B': Push(Take(ReadLength(4)).ToArray()); break; // BINBYTES
                case (byte)'C': Push(Take(ReadByte()).ToArray()); break; // SHORT_BINBYTES
                case 0x8e: Push(Take(ReadLength(8)).ToArray()); break; // BINBYTES8
                case 0x96: Push(Take(ReadLength(8)).ToArray()); break; // BYTEARRAY8

                case (byte)')': Push(new PyTuple([])); break; // EMPTY_TUPLE
                case (byte)'t': Push(new PyTuple(PopMark())); break; // TUPLE
                case 0x85: Push(new PyTuple([Pop()])); break; // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); Push(new PyTuple([a, b])); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new PyTuple([a, b, c])); break; } // TUPLE3
                case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
                case (byte)'l': Push(new List<object?>(PopMark())); break; // LIST
                case (byte)'a': { var item = Pop(); ListAt(at).Add(item); break; } // APPEND
                case (byte)'e': { var items = PopMark(); ListAt(at).AddRange(items); break; } // APPENDS
                case (byte)'}': Push(new PyDict()); break; // EMPTY_DICT
                case (byte)'d': { var dict = new PyDict(); SetItems(dict, PopMark(), at); Push(dict); break; } // DICT
                case (byte)'s': { var value = Pop(); var key = Pop(); SetItems(DictAt(at), [key, value], at); break; } // SETITEM
                case (byte)'u': { var items = PopMark(); SetItems(DictAt(at), items, at); break; } // SETITEMS

                case (byte)'p': _memo[ParseMemoIndex(ReadLine())] = Peek(); break; // PUT
                case (byte)'q': _memo[ReadByte()] = Peek(); break; // BINPUT
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break; // LONG_BINPUT
                case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
                case (byte)'g': Push(Recall(ParseMemoIndex(ReadLine()))); break; // GET
                case (byte)'h': Push(Recall(ReadByte())); break; // BINGET
                case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // LONG_BINGET

                case (byte)'c': { var module = ReadLine(); var name = ReadLine(); Push(Resolve(module, name)); break; } // GLOBAL
                case 0x93: { var name = Pop(); var module = Pop(); Push(Resolve(Text(module, at), Text(name, at))); break; } // STACK_GLOBAL
                case (byte)'i': { var module = ReadLine(); var name = ReadLine(); Push(Call(Resolve(module, name), PopMark(), at)); break; } // INST
                case (byte)'o': { var items = PopMark(); if (items.Length == 0) throw Corrupt($"OBJ without a class at byte {at}"); Push(Call(Callable(items[0], at), items[1..], at)); break; } // OBJ
                case (byte)'R': { var args = Pop(); var callable = Pop(); Push(Call(Callable(callable, at), Arguments(args, at), at)); break; } // REDUCE
                case 0x81: { var args = Pop(); var type = Pop(); Push(Call(Callable(type, at), Arguments(args, at), at)); break; } // NEWOBJ
                case 0x92: // NEWOBJ_EX
                {
                    var kwargs = Pop();
                    var args = Pop();
                    var type = Pop();
                    if (kwargs is not PyDict { Items.Count: 0 }) throw Refused(Callable(type, at).QualifiedName + " with keyword arguments");
                    Push(Call(Callable(type, at), Arguments(args, at), at));
                    break;
                }
                case (byte)'b': { var state = Pop(); Build(Peek(), state, at); break; } // BUILD
                case (byte)'Q': Push(PersistentLoad(Pop(), at)); break; // BINPERSID
                case (byte)'P': throw Refused("text persistent id"); // PERSID: torch.save writes binary ones

                case 0x82 or 0x83 or 0x84: throw Refused("copyreg extension code"); // EXT1/2/4 name a registered class
                case 0x97 or 0x98: throw Refused("out-of-band buffer"); // NEXT_BUFFER, READONLY_BUFFER
                case 0x8f or 0x90 or 0x91: throw Refused("set"); // EMPTY_SET, ADDITEMS, FROZENSET
                case (byte)'S' or (byte)'V': throw Refused("protocol-0 string"); // STRING, UNICODE: torch.save writes protocol 2
                default:
                    throw Corrupt($"byte {at} holds 0x{opcode:x2}, which is no pickle opcode");
            }
        }
    }

    private PickledGlobal Resolve(string module, string name)
    {
        if (Allowed.TryGetValue((module, name), out var kind)) return new PickledGlobal(module, name, kind);
        if (module == "torch" && ElementType.OfTorchStorage(name) is not null) return new PickledGlobal(module, name, AllowedGlobal.TorchStorageType);
        throw Refused($"{Printable(module)}.{Printable(name)}");
    }

    /// <summary>What calling a whitelisted name builds; each checks its arguments, as nothing else is trusted.</summary>
    private object? Call(PickledGlobal callable, object?[] args, int at)
    {
        switch (callable.Kind)
        {
            case AllowedGlobal.OrderedDict when args.Length == 0:
                return new PyDict();
            case AllowedGlobal.OrderedDict when args is [List<object?> pairs]:
                var dict = new PyDict();
                foreach (var pair in pairs)
                {
                    if (pair is not PyTuple { Count: 2 } kv) throw Malformed("OrderedDict", at);
                    SetItems(dict, [kv[0], kv[1]], at);
                }
                return dict;
            case AllowedGlobal.CodecsEncode when args is [string text, "latin1" or "latin-1" or "iso-8859-1"]:
                var bytes = new byte[text.Length];
                for (var i = 0; i < text.Length; i++)
                {
                    if (text[i] > 0xff) throw Malformed("latin-1 byte string", at);
                    bytes[i] = (byte)text[i];
                }
                return bytes;
            case AllowedGlobal.Bytes when args.Length == 0:
                return Array.Empty<byte>();
            case AllowedGlobal.NumpyReconstruct when args is [PickledGlobal { Kind: AllowedGlobal.NumpyArrayType }, PyTuple, _]:
                return new NumpyArray();
            case AllowedGlobal.NumpyFromBuffer when args is [byte[] buffer, NumpyDtype dtype, PyTuple shape, string]:
                return new NumpyArray { Data = buffer, Dtype = dtype, Shape = Dimensions(shape, at) };
            case AllowedGlobal.NumpyScalar when args is [NumpyDtype { Type: { IsInteger: true } type } dtype, byte[] value] && value.Length == type.Size:
                return type.Read(value, 0, dtype.BigEndian);
            case AllowedGlobal.NumpyScalar when args is [NumpyDtype { Type: { } type }, byte[] value] && value.Length == type.Size:
                return new NonIntegerScalar(type.Name);
            case AllowedGlobal.NumpyDtype when args is [string code, ..]:
                return new NumpyDtype(code);
            case AllowedGlobal.RebuildTensor or AllowedGlobal.RebuildTensorV2
                when args is [TorchStorage storage, long offset, PyTuple size, PyTuple stride, ..] && offset >= 0:
                return new TorchTensor(storage, offset, Dimensions(size, at), Dimensions(stride, at));
            default:
                throw Malformed(callable.QualifiedName + " call", at);
        }
    }

    /// <summary>BUILD: sets the state of what the whitelist built; nothing else has a state to set.</summary>
    private void Build(object? target, object? state, int at)
    {
        switch (target)
        {
            case NumpyDtype dtype when state is PyTuple { Count: >= 2 } s && s[1] is string order && order.Length == 1:
                dtype.ByteOrder = order[0];
                break;
            case NumpyArray array when state is PyTuple s && s.Items is [.., PyTuple shape, NumpyDtype dtype, bool, var data] && s.Count is 4 or 5:
                array.Shape = Dimensions(shape, at);
                array.Dtype = dtype;
                if (data is byte[] raw) array.Data = raw;
                else if (data is List<object?>) array.HoldsObjects = true;
                else throw Malformed("numpy array", at);
                break;
            case PyDict when state is null:
                break;
            default:
                throw Malformed($"{Describe(target)} state", at);
        }
    }

    private object PersistentLoad(object? pid, int at)
    {
        if (_persistentLoad is null) throw Refused("persistent id");
        if (pid is not PyTuple tuple) throw Malformed("persistent id", at);
        return _persistentLoad(tuple);
    }

    /// <summary>A tuple of non-negative integers (a shape or strides).</summary>
    private long[] Dimensions(PyTuple tuple, int at) =>
        tuple.Items.Select(d => d is long n && n >= 0 ? n : throw Malformed("shape", at)).ToArray();

    private PickledGlobal Callable(object? value, int at) =>
        value as PickledGlobal ?? throw Malformed($"call of a {Describe(value)}", at);

    private object?[] Arguments(object? value, int at) =>
        value is PyTuple tuple ? tuple.Items : throw Malformed("call", at);

    private List<object?> ListAt(int at) => Peek() as List<object?> ?? throw Malformed($"append to a {Describe(Peek())}", at);

    private PyDict DictAt(int at) => Peek() as PyDict ?? throw Malformed($"item set on a {Describe(Peek())}", at);

    private void SetItems(PyDict dict, object?[] items, int at)
    {
        if (items.Length % 2 != 0) throw Malformed("dict", at);
        for (var i = 0; i < items.Length; i += 2)
            dict.Items[items[i] ?? throw Malformed("dict keyed by None", at)] = items[i + 1];
    }

    private string Text(object? value, int at) => value as string ?? throw Malformed("STACK_GLOBAL", at);

    /// <summary>A Python type name for errors: "str", "list", "numpy array", or the whitelisted name.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        PyTuple => "tuple",
        List<object?> => "list",
        PyDict => "dict",
        NumpyArray => "numpy array",
        NumpyDtype => "numpy.dtype",
        NonIntegerScalar s => $"numpy {s.TypeName}",
        TorchTensor => "tensor",
        TorchStorage s => $"torch.{s.TypeName}",
        PickledGlobal g => g.QualifiedName,
        _ => value.GetType().Name,
    };

    /// <summary>Text from the file as an error may show it: on one line, control characters as '?', at most 100 characters.</summary>
    public static string Printable(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 100 ? clean : clean[..100] + "…";
    }

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > (_marks.TryPeek(out var mark) ? mark : 0) ? _stack[^1] : throw Corrupt("its pickle reads an empty stack");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopMark()
    {
        if (!_marks.TryPop(out var mark)) throw Corrupt("its pickle closes a mark it never opened");
        var items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private object? Recall(long index) => _memo.TryGetValue(index, out var value) ? value : throw Corrupt($"its pickle recalls memo {index}, never stored");

    private byte ReadByte() => _position < _data.Length ? _data[_position++] : throw Truncated();

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position) throw Truncated();
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Skip(int count) => Take(count);

    /// <summary>A length of 4 or 8 bytes, refused when it runs past the end of the file (before any allocation).</summary>
    private int ReadLength(int bytes)
    {
        var length = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Take(4)) : BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return length <= (ulong)(_data.Length - _position) ? (int)length : throw Truncated();
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0) throw Truncated();
        var line = DecodeUtf8(_data.AsSpan(_position, end - _position));
        _position = end + 1;
        return line;
    }

    private string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try { return Strict.GetString(bytes); }
        catch (DecoderFallbackException) { throw Corrupt("its pickle holds text that is not UTF-8"); }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private object ParseIntLine(string line) => line switch
    {
        "01" => true,
        "00" => false,
        _ => Normalise(ParseBigInteger(line)),
    };

    private BigInteger ParseBigInteger(string text) =>
        BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Corrupt($"its pickle holds '{Printable(text)}' as an integer");

    private double ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Corrupt($"its pickle holds '{Printable(text)}' as a float");

    private long ParseMemoIndex(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : throw Corrupt($"its pickle holds '{Printable(text)}' as a memo index");

    private static object Normalise(BigInteger value) => value >= long.MinValue && value <= long.MaxValue ? (long)value : value;

    private WinnowException Refused(string what) => new($"{_path}: holds a {what}, not labels");

    private WinnowException Malformed(string what, int at) => new($"{_path}: holds a malformed {what} (pickle byte {at}), not labels");

    private WinnowException Corrupt(string why) => new($"{_path} is not a readable torch.save file: {why}");

    private WinnowException Truncated() => new($"{_path} is truncated or corrupt: its pickle ends early");
}

/// <summary>A numpy scalar of a type that is no label (a float, a bool), kept only to be named in the error.</summary>
internal sealed record NonIntegerScalar(string TypeName);
