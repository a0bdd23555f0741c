using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Winnow.Data;

/// <summary>
/// Which training set sample indices refer to: the dataset's name, the number of samples and a
/// SHA-256 of their content (raw features and file labels, in order). A selection or any other
/// index list made for one training set is refused for another — another seed's stratified
/// subset, another folder, another CSV hold-out — even when the sizes agree.
/// </summary>
public sealed record TrainingSetIdentity(string Dataset, int Count, string Sha256)
{
    public static TrainingSetIdentity Of(string dataset, Split train)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // In chunks (a stored split streams); the bytes hashed are the same as all at once.
        train.ReadInChunks((_, _, values) => hash.AppendData(MemoryMarshal.AsBytes(values)));
        hash.AppendData(MemoryMarshal.AsBytes(train.Labels.AsSpan()));
        return new TrainingSetIdentity(dataset, train.Count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>"fashion-mnist, 4000 samples, content 3f2a9c1b0d4e".</summary>
    public string Describe() => $"{Dataset}, {Count} samples, content {Sha256[..12]}";
}
