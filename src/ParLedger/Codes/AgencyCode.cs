using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParLedger.Codes;

/// <summary>
/// The code of an agency (<i>mã cơ quan</i>), e.g. <c>000.00.36.H57</c>.
/// Compared ordinally (code-point order), as given in the data.
/// </summary>
[JsonConverter(typeof(AgencyCode.JsonConverter))]
public readonly record struct AgencyCode : IComparable<AgencyCode>
{
    private readonly string? _value;

    /// <summary>Creates a code from its text form.</summary>
    /// <param name="value">The code; must not be empty or white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty or white space.</exception>
    public AgencyCode(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("An agency code must not be empty.", nameof(value));
        }

        _value = value;
    }

    /// <summary>The code's text form.</summary>
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public int CompareTo(AgencyCode other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes the code as a JSON string.</summary>
    public sealed class JsonConverter : JsonConverter<AgencyCode>
    {
        /// <inheritdoc />
        public override AgencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("An agency code must be a string."));

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, AgencyCode value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
