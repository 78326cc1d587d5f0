using System.Text;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

public sealed class WireCodecTests
{
    readonly WireCodec _codec = new(new MessageSigner("key"));

    static JupyterMessage Sample() => new(
        [Encoding.ASCII.GetBytes("client-1"), Encoding.ASCII.GetBytes("router-hop")],
        new KernelSession("s", "u").NewHeader("execute_request"),
        new JsonObject { ["msg_id"] = "parent", ["msg_type"] = "kernel_info_request" },
        new JsonObject { ["cellId"] = "abc" },
        new JsonObject { ["code"] = "Console.WriteLine(\"héllo 😀\");", ["silent"] = false, ["user_expressions"] = new JsonObject() },
        [[0, 1, 2, 255]]);

    [Fact]
    public void Encode_lays_out_frames_as_the_spec_says()
    {
        var frames = _codec.Encode(Sample());
        Assert.Equal("client-1", Encoding.ASCII.GetString(frames[0]));
        Assert.Equal("router-hop", Encoding.ASCII.GetString(frames[1]));
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[2]));
        Assert.Equal(_codec.Signer.Sign(frames[4], frames[5], frames[6], frames[7]), Encoding.ASCII.GetString(frames[3]));
        Assert.Equal("execute_request", JsonNode.Parse(frames[4])!["msg_type"]!.GetValue<string>());
        Assert.Equal("parent", JsonNode.Parse(frames[5])!["msg_id"]!.GetValue<string>());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, frames[8]);
        Assert.Equal(9, frames.Count);
    }

    [Fact]
    public void Decode_of_encode_round_trips()
    {
        var original = Sample();
        Assert.True(_codec.TryDecode(_codec.Encode(original), out var decoded, out string error), error);
        Assert.Equal(original.Identities.Select(Convert.ToHexString), decoded!.Identities.Select(Convert.ToHexString));
        Assert.Equal(original.Header.ToJsonString(), decoded.Header.ToJsonString());
        Assert.Equal(original.ParentHeader.ToJsonString(), decoded.ParentHeader.ToJsonString());
        Assert.Equal(original.Metadata.ToJsonString(), decoded.Metadata.ToJsonString());
        Assert.Equal("Console.WriteLine(\"héllo 😀\");", decoded.Content["code"]!.GetValue<string>());
        Assert.Equal(original.Content.ToJsonString(), decoded.Content.ToJsonString());
        Assert.Equal([0, 1, 2, 255], decoded.Buffers.Single());
        Assert.Equal("execute_request", decoded.MsgType);
        // The received header is reused verbatim as a reply's parent header.
        var reply = new KernelSession().Reply(decoded, "execute_reply", new JsonObject { ["status"] = "ok" });
        Assert.True(_codec.TryDecode(_codec.Encode(reply), out var decodedReply, out error), error);
        Assert.Equal(original.Header.ToJsonString(), decodedReply!.ParentHeader.ToJsonString());
        Assert.Equal(original.Identities.Select(Convert.ToHexString), decodedReply.Identities.Select(Convert.ToHexString));
    }

    [Fact]
    public void A_message_without_identities_or_buffers_round_trips()
    {
        var message = new JupyterMessage([], new KernelSession().NewHeader("status"), new JsonObject(), new JsonObject(), new JsonObject { ["execution_state"] = "idle" });
        var frames = _codec.Encode(message);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[0]));
        Assert.Equal("{}", Encoding.ASCII.GetString(frames[3]));
        Assert.True(_codec.TryDecode(frames, out var decoded, out string error), error);
        Assert.Empty(decoded!.Identities);
        Assert.Empty(decoded.Buffers);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "no-delimiter", "delimiter" },
        { "too-few-frames", "frames after" },
        { "bad-signature", "signature" },
        { "header-not-json", "header is not valid JSON" },
        { "content-array", "content is not a JSON object" },
        { "no-msg-type", "msg_type" },
        { "msg-id-number", "msg_id" },
        { "duplicate-keys", "content is not valid JSON" },
        { "invalid-utf8", "content is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_messages_are_rejected_with_a_reason(string kind, string reason)
    {
        byte[] header = """{"msg_id":"1","msg_type":"execute_request","session":"s","username":"u","date":"2026-01-01T00:00:00Z","version":"5.3"}"""u8.ToArray();
        byte[] content = """{"code":"1"}"""u8.ToArray();
        List<byte[]> Signed(byte[] h, byte[] c) =>
            ["id"u8.ToArray(), WireCodec.Delimiter, Encoding.ASCII.GetBytes(_codec.Signer.Sign(h, "{}"u8, "{}"u8, c)), h, "{}"u8.ToArray(), "{}"u8.ToArray(), c];
        var frames = kind switch
        {
            "no-delimiter" => ["id"u8.ToArray(), header, content],
            "too-few-frames" => Signed(header, content).Take(5).ToList(),
            "bad-signature" => Signed(header, content).Select((f, i) => i == 2 ? Encoding.ASCII.GetBytes(new string('0', 64)) : f).ToList(),
            "header-not-json" => Signed("{msg_id:"u8.ToArray(), content),
            "content-array" => Signed(header, "[1,2]"u8.ToArray()),
            "no-msg-type" => Signed("""{"msg_id":"1"}"""u8.ToArray(), content),
            "msg-id-number" => Signed("""{"msg_id":1,"msg_type":"x"}"""u8.ToArray(), content),
            "duplicate-keys" => Signed(header, """{"code":"1","code":"2"}"""u8.ToArray()),
            "invalid-utf8" => Signed(header, [(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
            _ => throw new ArgumentException(kind),
        };
        Assert.False(_codec.TryDecode(frames, out var message, out string error));
        Assert.Null(message);
        Assert.Contains(reason, error);
    }
}
