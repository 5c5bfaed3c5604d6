using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace ParLedger.Marten.Storage;

/// <summary>
/// Instants in stored event JSON, as NodaTime's own converter writes them (<see cref="InstantPattern.ExtendedIso"/>:
/// <c>2022-01-05T01:30:00Z</c>), through the domain's fast path for that shape; NodaTime's pattern decides the rest.
/// </summary>
internal sealed class IsoInstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An instant must be a JSON string, not {reader.TokenType}.");
        }

        Span<char> buffer = stackalloc char[64];
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        ReadOnlySpan<char> text = length <= buffer.Length ? buffer[..reader.CopyString(buffer)] : reader.GetString().AsSpan();
        if (IsoInstantText.TryParseCommon(text, out var instant))
        {
            return instant;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(text.ToString());
        return parsed.Success ? parsed.Value : throw new JsonException($"'{text}' is not an ISO-8601 instant.", parsed.Exception);
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoInstantText.Format(value, Offset.Zero, zulu: true, OffsetDateTimePattern.ExtendedIso));
}
