using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using ParLedger.Events;

namespace ParLedger.Marten.Storage;

/// <summary>
/// How dossier events are stored as JSON in <c>mt_events.data</c>: snake_case field names as in the interchange
/// format, instants as ISO-8601 text, enumerations as their lower-case names. Used by Marten and by the raw readers.
/// </summary>
internal static class EventJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Insert(0, new IsoInstantConverter());
    }

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads one stored event from its SPEC type name and JSON.</summary>
    public static DossierEvent Deserialize(string type, byte[] data)
    {
        if (!EventTypes.ByName.TryGetValue(type, out var clrType))
        {
            throw new InvalidOperationException($"The store holds an event of unknown type '{type}'.");
        }

        return (DossierEvent)(JsonSerializer.Deserialize(data, clrType, EventJson.Options)
            ?? throw new InvalidOperationException($"The store holds an empty '{type}' event."));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }
}
