using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

public sealed class MessageSignerTests
{
    static readonly byte[] Header = """{"msg_id":"1","msg_type":"kernel_info_request"}"""u8.ToArray();
    static readonly byte[] Parent = "{}"u8.ToArray();
    static readonly byte[] Metadata = "{}"u8.ToArray();
    static readonly byte[] Content = """{"code":"6*7"}"""u8.ToArray();

    [Fact]
    public void Signature_matches_dotnet_one_shot_hmac_of_the_four_frames()
    {
        using var signer = new MessageSigner("secret-key");
        byte[] concatenated = [.. Header, .. Parent, .. Metadata, .. Content];
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret-key"), concatenated));
        Assert.Equal(expected, signer.Sign(Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Signature_matches_python_hmac()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Skip("/usr/bin/python3 is not installed; the .NET reference test still checks the HMAC.");
        // Python computes the vector independently, as jupyter_client's Session.sign does.
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c",
            "import hmac, hashlib, sys; h = hmac.new(b'k\\xc3\\xa9y', digestmod=hashlib.sha256)\n" +
            "for part in sys.argv[1:]: h.update(part.encode())\nprint(h.hexdigest())",
            Encoding.UTF8.GetString(Header), "{}", "{}", Encoding.UTF8.GetString(Content)]) { RedirectStandardOutput = true };
        using var python = Process.Start(start)!;
        string expected = python.StandardOutput.ReadToEnd().Trim();
        Assert.True(python.WaitForExit(10_000));
        Assert.Equal(64, expected.Length);
        using var signer = new MessageSigner("kéy");
        Assert.Equal(expected, signer.Sign(Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Verify_accepts_its_signature_in_either_case_and_rejects_tampering()
    {
        using var signer = new MessageSigner("secret-key");
        string signature = signer.Sign(Header, Parent, Metadata, Content);
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(signature), Header, Parent, Metadata, Content));
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(signature.ToUpperInvariant()), Header, Parent, Metadata, Content));

        byte[] tamperedContent = """{"code":"6*8"}"""u8.ToArray();
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature), Header, Parent, Metadata, tamperedContent));
        char flipped = signature[10] == '0' ? '1' : '0';
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature[..10] + flipped + signature[11..]), Header, Parent, Metadata, Content));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature[..62]), Header, Parent, Metadata, Content));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature[..62] + "zz"), Header, Parent, Metadata, Content));
        Assert.False(signer.Verify([], Header, Parent, Metadata, Content));
        using var other = new MessageSigner("another-key");
        Assert.False(other.Verify(Encoding.ASCII.GetBytes(signature), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void An_empty_key_means_unsigned_messages()
    {
        using var signer = new MessageSigner("");
        Assert.False(signer.IsSigning);
        Assert.Equal("", signer.Sign(Header, Parent, Metadata, Content));
        Assert.True(signer.Verify([], Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Signing_from_many_threads_gives_the_same_signature()
    {
        using var signer = new MessageSigner("secret-key");
        string expected = signer.Sign(Header, Parent, Metadata, Content);
        var results = new string[8 * 200];
        Parallel.For(0, results.Length, i => results[i] = signer.Sign(Header, Parent, Metadata, Content));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
