using System.Text.Json;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using ParLedger.Events;

namespace ParLedger.Marten.Storage;

/// <summary>
/// How dossier events are stored as JSON in <c>mt_events.data</c>: snake_case field names as in the interchange
/// format, instants as ISO-8601 text, enumerations as their lower-case names. Used by Marten and by the raw readers.
/// The event's type name is not in the JSON (<c>mt_events.type</c> holds it), and <c>recorded</c> only when it differs
/// from <c>at</c> (its default): a third of the bytes every import parses and every replay reads.
/// </summary>
internal static class EventJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // First: Marten adds its own enum converter (names as declared) before calling this, and the first that handles a
        // type wins; events appended through Marten stored "Commune" where the import stored "commune".
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Insert(0, new IsoInstantConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(StoredShape);
    }

    /// <summary>
    /// Leaves <see cref="DossierEvent.TypeName"/> out (its <c>[JsonIgnore]</c> on the abstract property does not reach
    /// the overrides), and <see cref="DossierEvent.Recorded"/> when it equals <see cref="DossierEvent.At"/>; reading,
    /// an absent <c>recorded</c> is <c>at</c>, and a stored <c>type_name</c> (events written before) is ignored.
    /// </summary>
    private static void StoredShape(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(DossierEvent).IsAssignableFrom(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            switch ((info.Properties[i].AttributeProvider as MemberInfo)?.Name)
            {
                case nameof(DossierEvent.TypeName):
                    info.Properties.RemoveAt(i);
                    break;
                case nameof(DossierEvent.Recorded):
                    info.Properties[i].ShouldSerialize = static (e, _) => ((DossierEvent)e).Recorded != ((DossierEvent)e).At;
                    break;
            }
        }
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
