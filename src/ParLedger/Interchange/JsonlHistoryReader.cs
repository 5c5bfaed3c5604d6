using System.Text.Json;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Interchange;

/// <summary>
/// Reads the event interchange format (SPEC §6): JSON Lines, one event per line, UTF-8. Blank lines are ignored,
/// unknown fields are ignored, lines may come in any order. Streams: one line in memory at a time.
/// Every error names the file, the line, the dossier and the problem (<see cref="HistoryFormatException"/>).
/// </summary>
public static class JsonlHistoryReader
{
    /// <summary>Reads every event of a history file, lazily, in line order.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The events with their line numbers.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed.</exception>
    public static IEnumerable<HistoryLine> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        foreach (var line in Read(reader, path))
        {
            yield return line;
        }
    }

    /// <summary>Reads every event of a history, lazily, in line order.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name used in error messages (the file's path).</param>
    /// <returns>The events with their line numbers.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed.</exception>
    public static IEnumerable<HistoryLine> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return ParseLine(text, source, number);
        }
    }

    /// <summary>Parses one line of the interchange format.</summary>
    /// <param name="text">The line.</param>
    /// <param name="source">The file name for errors.</param>
    /// <param name="lineNumber">The line number for errors.</param>
    /// <returns>The event.</returns>
    /// <exception cref="HistoryFormatException">The line is malformed.</exception>
    public static HistoryLine ParseLine(string text, string source, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new HistoryFormatException(source, lineNumber, null, $"malformed JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HistoryFormatException(source, lineNumber, null, "a line must be a JSON object.");
            }

            var fields = new Fields(root, source, lineNumber, null);
            var code = fields.RequiredString("dossier");
            fields = new Fields(root, source, lineNumber, code);
            var type = fields.RequiredString("type");
            var at = fields.RequiredInstant("at");
            var e = Build(type, at, fields);
            if (fields.OptionalInstant("recorded") is { } recorded)
            {
                e = e with { Recorded = recorded };
            }

            return new HistoryLine(source, lineNumber, new DossierCode(code), e);
        }
    }

    private static DossierEvent Build(string type, Instant at, Fields f) => type switch
    {
        "received" => new DossierReceived(
            at,
            new AgencyCode(f.RequiredString("agency")),
            new ProcedureCode(f.RequiredString("procedure")),
            f.OptionalString("field"),
            f.RequiredEnum<AdministrativeLevel>("level", Text.TryParse, "province, district or commune"),
            f.RequiredEnum<ReceiptChannel>("channel", Text.TryParse, "online, direct or postal"),
            f.RequiredInstant("due"),
            f.OptionalBool("fee_required") ?? false),
        "transferred" => new DossierTransferred(
            at,
            new AgencyCode(f.RequiredString("to")),
            f.OptionalString("from") is { } from ? new AgencyCode(from) : null),
        "supplement_requested" => new SupplementRequested(at, f.OptionalString("reason")),
        "supplement_received" => new SupplementReceived(at, f.OptionalInstant("due")),
        "paused" => new DossierPaused(at, f.OptionalString("reason")),
        "resumed" => new DossierResumed(at, f.OptionalInstant("due")),
        "resolved" => new DossierResolved(
            at,
            f.OptionalEnum<ResolutionOutcome>("outcome", Text.TryParse, "approved or refused") ?? ResolutionOutcome.Approved,
            f.OptionalBool("electronic_result") ?? false),
        "stopped" => new DossierStopped(at, f.OptionalString("reason")),
        "withdrawn" => new DossierWithdrawn(at, f.OptionalString("reason")),
        "overdue" => new DossierOverdue(
            at,
            f.OptionalInstant("rescheduled_due"),
            f.OptionalString("responsible") is { } responsible ? new AgencyCode(responsible) : null),
        "result_returned" => new ResultReturned(at),
        "fee_paid" => new FeePaid(at, f.RequiredBool("online")),
        "digitized" => new DossierDigitized(at, f.OptionalBool("reused") ?? false),
        "rated" => new DossierRated(at, f.RequiredBool("satisfied")),
        _ => throw f.Error($"unknown event type '{type}' (expected one of: {string.Join(", ", EventTypes.All)})."),
    };

    private delegate bool TryParser<T>(string? text, out T value);

    private readonly struct Fields(JsonElement root, string source, int line, string? dossier)
    {
        public HistoryFormatException Error(string problem) => new(source, line, dossier, problem);

        public string RequiredString(string name) =>
            OptionalString(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw Error(root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
                    ? $"field '{name}' must not be empty."
                    : $"missing required field '{name}'.");

        public string? OptionalString(string name)
        {
            if (!root.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return p.ValueKind == JsonValueKind.String ? p.GetString() : throw Error($"field '{name}' must be a string, not {Kind(p)}.");
        }

        public Instant RequiredInstant(string name) => OptionalInstant(name) ?? throw Error($"missing required field '{name}'.");

        public Instant? OptionalInstant(string name)
        {
            if (OptionalString(name) is not { } text)
            {
                return null;
            }

            return InstantText.TryParse(text, out var instant)
                ? instant
                : throw Error($"field '{name}' is not an ISO-8601 instant with an offset: '{text}' (e.g. 2022-06-14T16:45:00+07:00).");
        }

        public bool RequiredBool(string name) => OptionalBool(name) ?? throw Error($"missing required field '{name}'.");

        public bool? OptionalBool(string name)
        {
            if (!root.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return p.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error($"field '{name}' must be true or false, not {Kind(p)}."),
            };
        }

        public T RequiredEnum<T>(string name, TryParser<T> parse, string expected)
            where T : struct =>
            OptionalEnum(name, parse, expected) ?? throw Error($"missing required field '{name}'.");

        public T? OptionalEnum<T>(string name, TryParser<T> parse, string expected)
            where T : struct
        {
            if (OptionalString(name) is not { } text)
            {
                return null;
            }

            return parse(text, out var value) ? value : throw Error($"field '{name}' is '{text}', expected {expected}.");
        }

        private static string Kind(JsonElement p) => p.ValueKind switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => p.ValueKind.ToString(),
        };
    }
}
