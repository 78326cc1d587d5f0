using System.Security.Cryptography;
using System.Text;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 over a message's header, parent header, metadata and content frames, as the connection file's key
/// asks. An empty key means an unsigned session (the signature frame is empty). Thread-safe. Chapter 1 (setup).
/// </summary>
public sealed class MessageSigner : IDisposable
{
    public const string HmacSha256 = "hmac-sha256";
    const int DigestBytes = 32;

    readonly IncrementalHash? _hmac;
    readonly Lock _gate = new();

    public MessageSigner(string key) : this(Encoding.UTF8.GetBytes(key)) { }

    public MessageSigner(byte[] key)
    {
        if (key.Length > 0) _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
    }

    public bool IsSigning => _hmac is not null;

    /// <summary>The lowercase hex signature of the four signed frames, or "" when unsigned.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (_hmac is null) return "";
        Span<byte> digest = stackalloc byte[DigestBytes];
        Compute(header, parentHeader, metadata, content, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// True when <paramref name="signature"/> (ASCII hex, either case) is the HMAC of the frames. Compares in constant
    /// time so a forger learns nothing from how long a rejection takes.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (_hmac is null) return true;
        if (signature.Length != DigestBytes * 2) return false;
        Span<byte> received = stackalloc byte[DigestBytes];
        for (int i = 0; i < DigestBytes; i++)
        {
            int high = HexValue(signature[2 * i]), low = HexValue(signature[2 * i + 1]);
            if ((high | low) < 0) return false;
            received[i] = (byte)(high << 4 | low);
        }
        Span<byte> expected = stackalloc byte[DigestBytes];
        Compute(header, parentHeader, metadata, content, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    void Compute(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content, Span<byte> digest)
    {
        lock (_gate)
        {
            _hmac!.AppendData(header);
            _hmac.AppendData(parentHeader);
            _hmac.AppendData(metadata);
            _hmac.AppendData(content);
            _hmac.GetHashAndReset(digest);
        }
    }

    public void Dispose() => _hmac?.Dispose();
}
