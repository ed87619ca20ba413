using System.Security.Cryptography;
using System.Text;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>
/// The authkey handshake of CPython's connection.py (<c>deliver_challenge</c> / <c>answer_challenge</c>), speaking
/// both dialects as 3.12+ does: a challenge of exactly 20 random bytes (3.11 and older servers) is answered with a
/// bare HMAC-MD5; a longer one names its digest, <c>{sha256}</c> + 40 random bytes, and is answered with
/// <c>{sha256}</c> + the HMAC. A checking end accepts a bare 16-byte HMAC-MD5 (3.11 and older clients, who MAC the
/// whole challenge) or any allowed <c>{digest}</c>. Every message is read with a 256-byte limit, so an
/// unauthenticated peer cannot make this end read or allocate more.
/// </summary>
internal static class Handshake
{
    private const int MessageLength = 40;
    private const int LegacyMessageLength = 20;
    private const int Md5DigestLength = 16;
    private const int Limit = 256;

    private static readonly byte[] s_challenge = "#CHALLENGE#"u8.ToArray();
    private static readonly byte[] s_welcome = "#WELCOME#"u8.ToArray();
    private static readonly byte[] s_failure = "#FAILURE#"u8.ToArray();
    private static readonly string[] s_allowedDigests = ["md5", "sha256", "sha384", "sha3_256", "sha3_384"];
    private static readonly int s_maxDigestNameLength = s_allowedDigests.Max(name => name.Length);

    /// <summary>The serving side: challenge, check the answer, send WELCOME or FAILURE.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="authkey">The key both ends share.</param>
    /// <param name="digestName">The digest to ask for; null to send 3.11's bare 20-byte, HMAC-MD5 challenge.</param>
    public static void DeliverChallenge(Connection connection, byte[] authkey, string? digestName = "sha256")
    {
        var random = RandomNumberGenerator.GetBytes(digestName is null ? LegacyMessageLength : MessageLength);
        var message = digestName is null ? random : [.. Encoding.ASCII.GetBytes($"{{{digestName}}}"), .. random];
        connection.SendBytes([.. s_challenge, .. message]);
        var response = connection.RecvBytes(Limit);
        try
        {
            Verify(authkey, message, response);
        }
        catch (AuthenticationError)
        {
            connection.SendBytes(s_failure);
            throw;
        }
        connection.SendBytes(s_welcome);
    }

    /// <summary>The connecting side: answer the challenge, expect WELCOME.</summary>
    public static void AnswerChallenge(Connection connection, byte[] authkey)
    {
        var message = connection.RecvBytes(Limit);
        if (!message.AsSpan().StartsWith(s_challenge))
            throw new AuthenticationError($"Protocol error, expected challenge: message={PyRepr.Repr(message)}");
        message = message[s_challenge.Length..];
        if (message.Length < LegacyMessageLength)
            throw new AuthenticationError($"challenge too short: {message.Length} bytes");
        connection.SendBytes(Respond(authkey, message));
        if (!connection.RecvBytes(Limit).AsSpan().SequenceEqual(s_welcome))
            throw new AuthenticationError("digest sent was rejected");
    }

    /// <summary>CPython's <c>_create_response</c>: the MAC covers the whole message, digest prefix included.</summary>
    private static byte[] Respond(byte[] authkey, byte[] message)
    {
        var (digestName, _) = DigestNameAndPayload(message);
        return digestName.Length == 0
            ? Mac("md5", authkey, message)
            : [.. Encoding.ASCII.GetBytes($"{{{digestName}}}"), .. Mac(digestName, authkey, message)];
    }

    /// <summary>CPython's <c>_verify_challenge</c>: when our message named no digest the peer may choose any allowed
    /// one; when it did, the prefix is under the MAC, so a peer cannot downgrade it.</summary>
    private static void Verify(byte[] authkey, byte[] message, byte[] response)
    {
        var (digestName, mac) = DigestNameAndPayload(response);
        if (digestName.Length == 0) digestName = "md5";
        var expected = Mac(digestName, authkey, message);
        if (expected.Length != mac.Length)
            throw new AuthenticationError($"expected '{digestName}' of length {expected.Length} got {mac.Length}");
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
            throw new AuthenticationError("digest received was wrong");
    }

    /// <summary>CPython's <c>_get_digest_name_and_payload</c>: "" for a legacy (16- or 20-byte) message, else the
    /// allowed <c>{digest}</c> prefix and what follows it.</summary>
    private static (string DigestName, byte[] Payload) DigestNameAndPayload(byte[] message)
    {
        if (message.Length is LegacyMessageLength or Md5DigestLength) return ("", message);
        if (message.Length > 0 && message[0] == (byte)'{')
        {
            var curly = Array.IndexOf(message, (byte)'}', 1, Math.Min(message.Length - 1, s_maxDigestNameLength + 1));
            if (curly > 0)
            {
                var name = Encoding.ASCII.GetString(message, 1, curly - 1);
                if (s_allowedDigests.Contains(name)) return (name, message[(curly + 1)..]);
            }
        }
        throw new AuthenticationError("unsupported message length, missing digest prefix, "
            + $"or unsupported digest: message={PyRepr.Repr(message)}");
    }

    private static byte[] Mac(string digestName, byte[] key, byte[] message) => digestName switch
    {
        "md5" => HMACMD5.HashData(key, message),
        "sha256" => HMACSHA256.HashData(key, message),
        "sha384" => HMACSHA384.HashData(key, message),
        "sha3_256" when HMACSHA3_256.IsSupported => HMACSHA3_256.HashData(key, message),
        "sha3_384" when HMACSHA3_384.IsSupported => HMACSHA3_384.HashData(key, message),
        _ => throw new AuthenticationError($"response_digest='{digestName}' unsupported"),
    };
}
