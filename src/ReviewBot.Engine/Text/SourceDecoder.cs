using System.Text;

namespace ReviewBot.Engine.Text;

/// <summary>
/// Turns file bytes into text the way a reviewer expects to see them: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark, and anything else as Latin-1 so that every byte keeps its line and nothing throws.
/// </summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="wasUtf8"/> is false when the Latin-1 fallback was used.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool wasUtf8)
    {
        wasUtf8 = true;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            wasUtf8 = false;
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>A file's text as a review reads it: null when the bytes look binary (<see cref="LooksBinary"/>), else decoded.</summary>
    public static string? DecodeText(ReadOnlySpan<byte> bytes, out bool wasUtf8)
    {
        wasUtf8 = true;
        return LooksBinary(bytes) ? null : Decode(bytes, out wasUtf8);
    }

    /// <summary>True when the bytes look binary the way git decides it: a NUL byte in the first 8,000 bytes.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 8000)].Contains((byte)0);
}
