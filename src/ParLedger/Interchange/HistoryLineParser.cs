using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Interchange;

/// <summary>
/// Parses one line of the interchange format from its UTF-8 bytes (SPEC §6), strictly: the bytes must be valid UTF-8,
/// every key must appear once, every field the event's type reads must have the right JSON kind, codes must not be
/// empty or white space, and codes and texts must stay within <see cref="JsonlHistoryReader"/>'s limits.
/// One instance per reading (it reuses its field slots from line to line); not thread-safe.
/// </summary>
internal sealed class HistoryLineParser(string source)
{
    private static readonly string[] Names =
    [
        "dossier", "type", "at", "recorded", "agency", "procedure", "field", "level", "channel", "due", "fee_required",
        "to", "from", "reason", "outcome", "electronic_result", "rescheduled_due", "responsible", "online", "reused", "satisfied",
    ];

    private readonly Slot[] _slots = new Slot[Names.Length];
    private readonly HashSet<string> _otherNames = new(StringComparer.Ordinal);
    private string? _dossier;
    private int _line;

    private enum Name
    {
        Dossier, Type, At, Recorded, Agency, Procedure, Field, Level, Channel, Due, FeeRequired,
        To, From, Reason, Outcome, ElectronicResult, RescheduledDue, Responsible, Online, Reused, Satisfied,
    }

    /// <summary>Parses a line (without its line break).</summary>
    /// <param name="utf8">The line's bytes.</param>
    /// <param name="lineNumber">The 1-based line number, for errors.</param>
    /// <returns>The event.</returns>
    /// <exception cref="HistoryFormatException">The line is not a valid event.</exception>
    public HistoryLine Parse(ReadOnlySpan<byte> utf8, int lineNumber)
    {
        _line = lineNumber;
        _dossier = null;
        if (utf8.Length > JsonlHistoryReader.MaxLineBytes)
        {
            throw TooLong(source, lineNumber, utf8);
        }

        if (!Utf8.IsValid(utf8))
        {
            throw InvalidUtf8(source, lineNumber, utf8);
        }

        Array.Clear(_slots);
        _otherNames.Clear();
        var repeated = Collect(utf8);
        _dossier = Code(Name.Dossier, optional: false) ?? throw Error(Missing(Name.Dossier));
        if (repeated is not null)
        {
            throw Error($"field '{repeated}' appears twice.");
        }

        var type = RequiredString(Name.Type);
        var at = RequiredInstant(Name.At);
        var e = Build(type, at);
        if (OptionalInstant(Name.Recorded) is { } recorded)
        {
            e = e with { Recorded = recorded };
        }

        return new HistoryLine(source, lineNumber, new DossierCode(_dossier), e);
    }

    /// <summary>The error for a line longer than <see cref="JsonlHistoryReader.MaxLineBytes"/>, naming its dossier when its beginning does.</summary>
    /// <param name="source">The file.</param>
    /// <param name="lineNumber">The line.</param>
    /// <param name="beginning">As much of the line as was read.</param>
    /// <returns>The exception.</returns>
    public static HistoryFormatException TooLong(string source, int lineNumber, ReadOnlySpan<byte> beginning) =>
        new(source, lineNumber, DossierIn(beginning),
            string.Create(CultureInfo.InvariantCulture, $"the line is longer than {JsonlHistoryReader.MaxLineBytes:N0} bytes, the limit of the interchange format."));

    private static HistoryFormatException InvalidUtf8(string source, int lineNumber, ReadOnlySpan<byte> utf8)
    {
        var valid = 0;
        while (System.Text.Rune.DecodeFromUtf8(utf8[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            valid += consumed;
        }

        var bad = utf8.Slice(valid, Math.Min(4, utf8.Length - valid));
        var hint = lineNumber == 1 && valid == 0 && utf8.Length >= 2 && (utf8[0], utf8[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)
            ? " (the file looks like UTF-16; the interchange format is UTF-8)"
            : string.Empty;
        return new HistoryFormatException(
            source, lineNumber, DossierIn(utf8[..valid]),
            string.Create(CultureInfo.InvariantCulture, $"invalid UTF-8 at byte {valid + 1} of the line ({Convert.ToHexString(bad)}){hint}."));
    }

    /// <summary>The dossier code at the start of a line that cannot be parsed whole, if it can be read from there.</summary>
    private static string? DossierIn(ReadOnlySpan<byte> beginning)
    {
        try
        {
            var reader = new Utf8JsonReader(beginning, isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDossier = reader.ValueTextEquals("dossier"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isDossier)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { } code && IsCode(code) ? code : null;
                }

                if (!reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The beginning is not even well-formed: there is no dossier to name.
        }

        return null;
    }

    private static bool IsCode(string text) => CodeProblem(text) is null && text.Length <= JsonlHistoryReader.MaxCodeLength;

    /// <summary>What makes a text unfit to be a code (dossier, agency, procedure), or <see langword="null"/>; the length is checked apart.</summary>
    /// <param name="text">The code.</param>
    /// <returns>The problem, worded to follow "field 'x' ".</returns>
    internal static string? CodeProblem(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "must not be empty or white space";
        }

        var control = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        control = control >= 0 ? control : text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        return control >= 0 ? string.Create(CultureInfo.InvariantCulture, $"must not contain a control character (U+{(int)text[control]:X4})") : null;
    }

    /// <summary>Reads the line's JSON into the slots; returns the first key that appears twice, if any.</summary>
    private string? Collect(ReadOnlySpan<byte> utf8)
    {
        string? repeated = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new HistoryFormatException(source, _line, null, "a line must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var known = Identify(ref reader);
                string? other = known < 0 ? reader.GetString()! : null;
                reader.Read();
                if (known >= 0)
                {
                    ref var slot = ref _slots[known];
                    if (slot.Kind != JsonTokenType.None)
                    {
                        repeated ??= Names[known];
                    }

                    slot.Kind = reader.TokenType;
                    slot.Text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    if (!_otherNames.Add(other!))
                    {
                        repeated ??= other;
                    }
                }

                reader.Skip();
            }

            // Anything after the object (a second value) makes the reader throw.
            while (reader.Read())
            {
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string whose \u escapes are not valid UTF-16 (a lone surrogate).
            var code = _slots[(int)Name.Dossier] is { Kind: JsonTokenType.String, Text: { } text } && IsCode(text) ? text : null;
            throw new HistoryFormatException(source, _line, code, $"malformed JSON ({ex.Message})", ex);
        }

        return repeated;
    }

    private static int Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return Array.IndexOf(Names, reader.GetString());
        }

        var n = reader.ValueSpan;
        var name = n.Length switch
        {
            2 => n.SequenceEqual("at"u8) ? Name.At : n.SequenceEqual("to"u8) ? Name.To : (Name)(-1),
            3 => n.SequenceEqual("due"u8) ? Name.Due : (Name)(-1),
            4 => n.SequenceEqual("type"u8) ? Name.Type : n.SequenceEqual("from"u8) ? Name.From : (Name)(-1),
            5 => n.SequenceEqual("level"u8) ? Name.Level : n.SequenceEqual("field"u8) ? Name.Field : (Name)(-1),
            6 => n.SequenceEqual("agency"u8) ? Name.Agency
                : n.SequenceEqual("reason"u8) ? Name.Reason
                : n.SequenceEqual("online"u8) ? Name.Online
                : n.SequenceEqual("reused"u8) ? Name.Reused
                : (Name)(-1),
            7 => n.SequenceEqual("dossier"u8) ? Name.Dossier
                : n.SequenceEqual("channel"u8) ? Name.Channel
                : n.SequenceEqual("outcome"u8) ? Name.Outcome
                : (Name)(-1),
            8 => n.SequenceEqual("recorded"u8) ? Name.Recorded : (Name)(-1),
            9 => n.SequenceEqual("procedure"u8) ? Name.Procedure : n.SequenceEqual("satisfied"u8) ? Name.Satisfied : (Name)(-1),
            11 => n.SequenceEqual("responsible"u8) ? Name.Responsible : (Name)(-1),
            12 => n.SequenceEqual("fee_required"u8) ? Name.FeeRequired : (Name)(-1),
            15 => n.SequenceEqual("rescheduled_due"u8) ? Name.RescheduledDue : (Name)(-1),
            17 => n.SequenceEqual("electronic_result"u8) ? Name.ElectronicResult : (Name)(-1),
            _ => (Name)(-1),
        };
        return (int)name;
    }

    private DossierEvent Build(string type, Instant at) => type switch
    {
        "received" => new DossierReceived(
            at,
            new AgencyCode(Code(Name.Agency, optional: false)!),
            new ProcedureCode(Code(Name.Procedure, optional: false)!),
            FreeText(Name.Field),
            RequiredEnum<AdministrativeLevel>(Name.Level, Text.TryParse, "province, district or commune"),
            RequiredEnum<ReceiptChannel>(Name.Channel, Text.TryParse, "online, direct or postal"),
            RequiredInstant(Name.Due),
            OptionalBool(Name.FeeRequired) ?? false),
        "transferred" => new DossierTransferred(
            at,
            new AgencyCode(Code(Name.To, optional: false)!),
            Code(Name.From, optional: true) is { } from ? new AgencyCode(from) : null),
        "supplement_requested" => new SupplementRequested(at, FreeText(Name.Reason)),
        "supplement_received" => new SupplementReceived(at, OptionalInstant(Name.Due)),
        "paused" => new DossierPaused(at, FreeText(Name.Reason)),
        "resumed" => new DossierResumed(at, OptionalInstant(Name.Due)),
        "resolved" => new DossierResolved(
            at,
            OptionalEnum<ResolutionOutcome>(Name.Outcome, Text.TryParse, "approved or refused") ?? ResolutionOutcome.Approved,
            OptionalBool(Name.ElectronicResult) ?? false),
        "stopped" => new DossierStopped(at, FreeText(Name.Reason)),
        "withdrawn" => new DossierWithdrawn(at, FreeText(Name.Reason)),
        "overdue" => new DossierOverdue(
            at,
            OptionalInstant(Name.RescheduledDue),
            Code(Name.Responsible, optional: true) is { } responsible ? new AgencyCode(responsible) : null),
        "result_returned" => new ResultReturned(at),
        "fee_paid" => new FeePaid(at, RequiredBool(Name.Online)),
        "digitized" => new DossierDigitized(at, OptionalBool(Name.Reused) ?? false),
        "rated" => new DossierRated(at, RequiredBool(Name.Satisfied)),
        _ => throw Error($"unknown event type '{Shorten(type)}' (expected one of: {string.Join(", ", EventTypes.All)})."),
    };

    private delegate bool TryParser<T>(string? text, out T value);

    private HistoryFormatException Error(string problem) => new(source, _line, _dossier, problem);

    private static string Missing(Name name) => $"missing required field '{Names[(int)name]}'.";

    /// <summary>A string field's value; <see langword="null"/> when absent or JSON null (only allowed when optional).</summary>
    private string? String(Name name, bool optional)
    {
        var slot = _slots[(int)name];
        return slot.Kind switch
        {
            JsonTokenType.None => optional ? null : throw Error(Missing(name)),
            JsonTokenType.Null => optional ? null : throw Error($"field '{Names[(int)name]}' must be a string, not null."),
            JsonTokenType.String => slot.Text,
            _ => throw Error($"field '{Names[(int)name]}' must be a string, not {Kind(slot.Kind)}."),
        };
    }

    private string RequiredString(Name name) =>
        String(name, optional: false) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? Limited(name, text, JsonlHistoryReader.MaxCodeLength)
            : throw Error($"field '{Names[(int)name]}' must not be empty.");

    /// <summary>A code (dossier, agency, procedure): not empty, not white space, at most <see cref="JsonlHistoryReader.MaxCodeLength"/> characters.</summary>
    private string? Code(Name name, bool optional)
    {
        if (String(name, optional) is not { } text)
        {
            return null;
        }

        if (CodeProblem(text) is { } problem)
        {
            throw Error(optional && string.IsNullOrWhiteSpace(text)
                ? $"field '{Names[(int)name]}' {problem} (leave it out when there is none)."
                : $"field '{Names[(int)name]}' {problem}.");
        }

        return Limited(name, text, JsonlHistoryReader.MaxCodeLength);
    }

    /// <summary>Free text (field, reason): optional, any characters, at most <see cref="JsonlHistoryReader.MaxTextLength"/>.</summary>
    private string? FreeText(Name name) =>
        String(name, optional: true) is { } text ? Limited(name, text, JsonlHistoryReader.MaxTextLength) : null;

    private string Limited(Name name, string text, int limit) =>
        text.Length <= limit
            ? text
            : throw Error(string.Create(
                CultureInfo.InvariantCulture,
                $"field '{Names[(int)name]}' is {text.Length:N0} characters long; the interchange format accepts at most {limit:N0}."));

    private Instant RequiredInstant(Name name) => OptionalInstant(name, optional: false)!.Value;

    private Instant? OptionalInstant(Name name, bool optional = true)
    {
        if (String(name, optional) is not { } text)
        {
            return null;
        }

        if (!InstantText.TryParse(text, out var instant))
        {
            throw Error($"field '{Names[(int)name]}' is not an ISO-8601 instant with an offset: '{Shorten(text)}' (e.g. 2022-06-14T16:45:00+07:00).");
        }

        var date = VietnamTime.DateOf(instant);
        return date >= Periods.ReportingWindow.EarliestDate && date <= Periods.ReportingWindow.LatestDate
            ? instant
            : throw Error($"field '{Names[(int)name]}' is {Shorten(text)}, outside the years the interchange format accepts (1900–2199, the working calendar's reach).");
    }

    private bool RequiredBool(Name name) => OptionalBool(name, optional: false)!.Value;

    private bool? OptionalBool(Name name, bool optional = true) => _slots[(int)name].Kind switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.None when optional => null,
        JsonTokenType.Null when optional => null,
        JsonTokenType.None => throw Error(Missing(name)),
        var kind => throw Error($"field '{Names[(int)name]}' must be true or false, not {Kind(kind)}."),
    };

    private T RequiredEnum<T>(Name name, TryParser<T> parse, string expected)
        where T : struct =>
        OptionalEnum(name, parse, expected, optional: false)!.Value;

    private T? OptionalEnum<T>(Name name, TryParser<T> parse, string expected, bool optional = true)
        where T : struct
    {
        if (String(name, optional) is not { } text)
        {
            return null;
        }

        return parse(text, out var value) ? value : throw Error($"field '{Names[(int)name]}' is '{Shorten(text)}', expected {expected}.");
    }

    /// <summary>A value quoted in a message: at most 60 characters, so that an error stays one line of reasonable length.</summary>
    private static string Shorten(string text)
    {
        var shown = text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
        if (shown.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0)
        {
            return shown;
        }

        var escaped = new System.Text.StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            escaped.Append(c < ' ' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString());
        }

        return escaped.ToString();
    }

    private static string Kind(JsonTokenType kind) => kind switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => kind.ToString(),
    };

    private struct Slot
    {
        public JsonTokenType Kind;
        public string? Text;
    }
}
