namespace Winnow.Data.Noise;

// The few Python objects a torch.save file of labels is made of, as RestrictedUnpickler builds
// them. Python's int, float, bool, str, bytes, list and None become long (BigInteger beyond
// 64 bits), double, bool, string, byte[], List<object?> and null.

/// <summary>A Python tuple: kept apart from lists, which the unpickler lets grow.</summary>
internal sealed record PyTuple(object?[] Items)
{
    public int Count => Items.Length;
    public object? this[int index] => Items[index];
}

/// <summary>A Python dict (or OrderedDict), in insertion order; None is not a key.</summary>
internal sealed class PyDict
{
    public OrderedDictionary<object, object?> Items { get; } = new();
}

/// <summary>A name the whitelist allows, e.g. numpy.dtype: what REDUCE, BUILD and persistent ids may use.</summary>
internal sealed record PickledGlobal(string Module, string Name, AllowedGlobal Kind)
{
    public string QualifiedName => $"{Module}.{Name}";
}

internal enum AllowedGlobal
{
    OrderedDict,
    CodecsEncode,
    Bytes,
    NumpyReconstruct,
    NumpyFromBuffer,
    NumpyScalar,
    NumpyArrayType,
    NumpyDtype,
    RebuildTensor,
    RebuildTensorV2,
    TorchStorageType,
}

/// <summary>An element type of an array or storage: the integer ones are labels, the others are named in errors.</summary>
internal sealed record ElementType(string Name, int Size, bool IsInteger, bool Signed)
{
    public static readonly ElementType Int8 = new("int8", 1, true, true);
    public static readonly ElementType UInt8 = new("uint8", 1, true, false);
    public static readonly ElementType Int16 = new("int16", 2, true, true);
    public static readonly ElementType UInt16 = new("uint16", 2, true, false);
    public static readonly ElementType Int32 = new("int32", 4, true, true);
    public static readonly ElementType UInt32 = new("uint32", 4, true, false);
    public static readonly ElementType Int64 = new("int64", 8, true, true);
    public static readonly ElementType UInt64 = new("uint64", 8, true, false);
    public static readonly ElementType Bool = new("bool", 1, false, false);
    public static readonly ElementType Float16 = new("float16", 2, false, true);
    public static readonly ElementType BFloat16 = new("bfloat16", 2, false, true);
    public static readonly ElementType Float32 = new("float32", 4, false, true);
    public static readonly ElementType Float64 = new("float64", 8, false, true);

    /// <summary>The element type of torch's typed storage classes (torch.LongStorage, …), or null for other names.</summary>
    public static ElementType? OfTorchStorage(string name) => name switch
    {
        "ByteStorage" => UInt8,
        "CharStorage" => Int8,
        "ShortStorage" => Int16,
        "IntStorage" => Int32,
        "LongStorage" => Int64,
        "BoolStorage" => Bool,
        "HalfStorage" => Float16,
        "BFloat16Storage" => BFloat16,
        "FloatStorage" => Float32,
        "DoubleStorage" => Float64,
        _ => null,
    };

    /// <summary>numpy's type codes as its dtypes pickle them ('i8', 'u1', 'f4', …), or null for others.</summary>
    public static ElementType? OfNumpyCode(string code) => code.TrimStart('<', '>', '|', '=') switch
    {
        "i1" => Int8,
        "u1" => UInt8,
        "i2" => Int16,
        "u2" => UInt16,
        "i4" => Int32,
        "u4" => UInt32,
        "i8" => Int64,
        "u8" => UInt64,
        "b1" => Bool,
        "f2" => Float16,
        "f4" => Float32,
        "f8" => Float64,
        _ => null,
    };

    /// <summary>Element <paramref name="index"/> of <paramref name="data"/>, an integer type's bytes in the given order.</summary>
    public long Read(ReadOnlySpan<byte> data, long index, bool bigEndian)
    {
        var bytes = data.Slice(checked((int)(index * Size)), Size);
        Span<byte> little = stackalloc byte[8];
        for (var b = 0; b < Size; b++) little[b] = bytes[bigEndian ? Size - 1 - b : b];
        var fill = Signed && (little[Size - 1] & 0x80) != 0 ? (byte)0xff : (byte)0;
        for (var b = Size; b < 8; b++) little[b] = fill;
        var value = BitConverter.ToInt64(little);
        // uint64 beyond long.MaxValue reads negative here, and so is refused as a class like any negative value.
        return value;
    }
}

/// <summary>numpy.dtype('i8', False, True) and the byte order its BUILD state gives.</summary>
internal sealed class NumpyDtype(string code)
{
    public string Code { get; } = code;
    public ElementType? Type { get; } = ElementType.OfNumpyCode(code);
    public char ByteOrder { get; set; } = code.Length > 0 && code[0] is '<' or '>' or '|' or '=' ? code[0] : '|';
    public bool BigEndian => ByteOrder == '>';
}

/// <summary>A numpy array: made empty by _reconstruct, filled by BUILD (or made whole by _frombuffer).</summary>
internal sealed class NumpyArray
{
    public long[]? Shape { get; set; }
    public NumpyDtype? Dtype { get; set; }
    public byte[]? Data { get; set; }
    /// <summary>An object array's elements arrive as a list instead of bytes.</summary>
    public bool HoldsObjects { get; set; }
}

/// <summary>
/// A storage torch.save wrote apart from the pickle, as its persistent id names it: the record
/// ('storage', torch.LongStorage, key, location, numel[, view]). A legacy view starts
/// <see cref="ElementOffset"/> elements into the storage <see cref="Key"/>.
/// </summary>
internal sealed record TorchStorage(string Key, string TypeName, ElementType Type, long Numel, long ElementOffset);

/// <summary>A tensor as torch._utils._rebuild_tensor_v2 rebuilds it: a strided view of a storage.</summary>
internal sealed record TorchTensor(TorchStorage Storage, long Offset, long[] Size, long[] Stride);
