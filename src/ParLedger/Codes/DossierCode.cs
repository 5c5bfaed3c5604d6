using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParLedger.Codes;

/// <summary>
/// The code of a dossier (<i>mã hồ sơ</i>), unique per store.
/// Compared ordinally (code-point order), as given in the data.
/// </summary>
[JsonConverter(typeof(DossierCode.JsonConverter))]
public readonly record struct DossierCode : IComparable<DossierCode>
{
    private readonly string? _value;

    /// <summary>Creates a code from its text form.</summary>
    /// <param name="value">The code; must not be empty or white space.</param>
    /// <exception cref="ArgumentException">The value is null, empty or white space.</exception>
    public DossierCode(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A dossier code must not be empty.", nameof(value));
        }

        _value = value;
    }

    /// <summary>The code's text form.</summary>
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public int CompareTo(DossierCode other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes the code as a JSON string.</summary>
    public sealed class JsonConverter : JsonConverter<DossierCode>
    {
        /// <inheritdoc />
        public override DossierCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A dossier code must be a string."));

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, DossierCode value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
