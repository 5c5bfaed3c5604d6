using System.Text;
using ParLedger.Interchange;

namespace ParLedger.Tests.Interchange;

/// <summary>
/// Issue 9, point 2: every field of every event type of SPEC §2, probed with bad values (empty, white space, wrong JSON
/// kind, null, unknown enumeration text, instant without offset, over the limits). Each must be refused with a
/// <see cref="HistoryFormatException"/> naming the file, the line and the dossier, on one line; nothing else may escape.
/// </summary>
public class FieldProbeTests
{
    private const string At = "2022-01-05T08:30:00+07:00";
    private const string Later = "2022-01-10T17:00:00+07:00";

    /// <summary>A valid line of each type, with every field the type has.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Valid = new()
    {
        ["received"] = new()
        {
            ["agency"] = "\"000.00.36.H57\"", ["procedure"] = "\"1.001234\"", ["field"] = "\"Hộ tịch\"", ["level"] = "\"district\"",
            ["channel"] = "\"online\"", ["due"] = $"\"{Later}\"", ["fee_required"] = "true",
        },
        ["transferred"] = new() { ["to"] = "\"000.00.37.H57\"", ["from"] = "\"000.00.36.H57\"" },
        ["supplement_requested"] = new() { ["reason"] = "\"Thiếu bản sao\"" },
        ["supplement_received"] = new() { ["due"] = $"\"{Later}\"" },
        ["paused"] = new() { ["reason"] = "\"Chờ xác minh\"" },
        ["resumed"] = new() { ["due"] = $"\"{Later}\"" },
        ["resolved"] = new() { ["outcome"] = "\"refused\"", ["electronic_result"] = "true" },
        ["stopped"] = new() { ["reason"] = "\"Không đủ điều kiện\"" },
        ["withdrawn"] = new() { ["reason"] = "\"Công dân rút\"" },
        ["overdue"] = new() { ["rescheduled_due"] = $"\"{Later}\"", ["responsible"] = "\"000.00.36.H57\"" },
        ["result_returned"] = new(),
        ["fee_paid"] = new() { ["online"] = "true" },
        ["digitized"] = new() { ["reused"] = "true" },
        ["rated"] = new() { ["satisfied"] = "false" },
    };

    private enum Kind
    {
        Code,
        OptionalCode,
        Text,
        Instant,
        OptionalInstant,
        Enum,
        OptionalEnum,
        Bool,
        OptionalBool,
    }

    private static readonly Dictionary<string, (Kind Kind, string Expected)> Fields = new()
    {
        ["agency"] = (Kind.Code, ""), ["procedure"] = (Kind.Code, ""), ["to"] = (Kind.Code, ""),
        ["from"] = (Kind.OptionalCode, ""), ["responsible"] = (Kind.OptionalCode, ""),
        ["field"] = (Kind.Text, ""), ["reason"] = (Kind.Text, ""),
        ["at"] = (Kind.Instant, ""), ["due"] = (Kind.Instant, ""), ["recorded"] = (Kind.OptionalInstant, ""), ["rescheduled_due"] = (Kind.OptionalInstant, ""),
        ["level"] = (Kind.Enum, "province, district or commune"), ["channel"] = (Kind.Enum, "online, direct or postal"),
        ["outcome"] = (Kind.OptionalEnum, "approved or refused"),
        ["online"] = (Kind.Bool, ""), ["satisfied"] = (Kind.Bool, ""),
        ["fee_required"] = (Kind.OptionalBool, ""), ["electronic_result"] = (Kind.OptionalBool, ""), ["reused"] = (Kind.OptionalBool, ""),
    };

    /// <summary>(type, field, bad JSON value, the expected problem after "history.jsonl:1: dossier D1: ").</summary>
    public static TheoryData<string, string, string, string> BadValues()
    {
        var data = new TheoryData<string, string, string, string>();
        var code256 = new string('A', 256);
        var text4001 = new string('x', 4001);
        foreach (var (type, fields) in Valid)
        {
            foreach (var name in fields.Keys.Append("at").Append("recorded"))
            {
                var (kind, expected) = Fields[name];
                kind = OptionalHere(type, name, kind);
                var empty = kind == Kind.OptionalCode ? " (leave it out when there is none)" : string.Empty;
                switch (kind)
                {
                    case Kind.Code or Kind.OptionalCode:
                        data.Add(type, name, "\"\"", $"field '{name}' must not be empty or white space{empty}.");
                        data.Add(type, name, "\"   \"", $"field '{name}' must not be empty or white space{empty}.");
                        data.Add(type, name, "\"\\t\"", $"field '{name}' must not be empty or white space{empty}.");
                        data.Add(type, name, "\"000.00\\n36\"", $"field '{name}' must not contain a control character (U+000A).");
                        data.Add(type, name, $"\"{code256}\"", $"field '{name}' is 256 characters long; the interchange format accepts at most 255.");
                        data.Add(type, name, "42", $"field '{name}' must be a string, not a number.");
                        data.Add(type, name, "true", $"field '{name}' must be a string, not a boolean.");
                        data.Add(type, name, "[\"A\"]", $"field '{name}' must be a string, not an array.");
                        data.Add(type, name, "{\"code\":\"A\"}", $"field '{name}' must be a string, not an object.");
                        if (kind == Kind.Code)
                        {
                            data.Add(type, name, "null", $"field '{name}' must be a string, not null.");
                        }

                        break;
                    case Kind.Text:
                        data.Add(type, name, $"\"{text4001}\"", $"field '{name}' is 4,001 characters long; the interchange format accepts at most 4,000.");
                        data.Add(type, name, "42", $"field '{name}' must be a string, not a number.");
                        data.Add(type, name, "false", $"field '{name}' must be a string, not a boolean.");
                        data.Add(type, name, "[]", $"field '{name}' must be a string, not an array.");
                        break;
                    case Kind.Instant or Kind.OptionalInstant:
                        foreach (var text in new[] { "", " ", "2022-01-06", "2022-01-06T08:30:00", "2022-13-06T08:30:00+07:00", "06/01/2022 08:30:00", "2022-01-06T25:30:00+07:00" })
                        {
                            data.Add(type, name, $"\"{text}\"", $"field '{name}' is not an ISO-8601 instant with an offset: '{text}' (e.g. 2022-06-14T16:45:00+07:00).");
                        }

                        data.Add(type, name, "1641432600", $"field '{name}' must be a string, not a number.");
                        foreach (var text in new[] { "0001-01-01T00:00:00+07:00", "1899-12-31T23:59:59+07:00", "2200-01-01T00:00:00+07:00", "9999-12-31T00:00:00+07:00" })
                        {
                            data.Add(type, name, $"\"{text}\"", $"field '{name}' is {text}, outside the years the interchange format accepts (1900–2199, the working calendar's reach).");
                        }

                        if (kind == Kind.Instant)
                        {
                            data.Add(type, name, "null", $"field '{name}' must be a string, not null.");
                        }

                        break;
                    case Kind.Enum or Kind.OptionalEnum:
                        foreach (var text in new[] { "", " ", "Online", "DISTRICT", " refused", "ward" })
                        {
                            data.Add(type, name, $"\"{text}\"", $"field '{name}' is '{text}', expected {expected}.");
                        }

                        data.Add(type, name, "1", $"field '{name}' must be a string, not a number.");
                        if (kind == Kind.Enum)
                        {
                            data.Add(type, name, "null", $"field '{name}' must be a string, not null.");
                        }

                        break;
                    case Kind.Bool or Kind.OptionalBool:
                        data.Add(type, name, "\"true\"", $"field '{name}' must be true or false, not a string.");
                        data.Add(type, name, "1", $"field '{name}' must be true or false, not a number.");
                        data.Add(type, name, "{}", $"field '{name}' must be true or false, not an object.");
                        if (kind == Kind.Bool)
                        {
                            data.Add(type, name, "null", $"field '{name}' must be true or false, not null.");
                        }

                        break;
                }
            }

            data.Add(type, "type", "\"\"", "field 'type' must not be empty.");
            data.Add(type, "type", "7", "field 'type' must be a string, not a number.");
            data.Add(type, "type", "null", "field 'type' must be a string, not null.");
            data.Add(type, "type", $"\"{type.ToUpperInvariant()}\"", $"unknown event type '{type.ToUpperInvariant()}' (expected one of: ");
            data.Add(type, "reason", "\"\\ud800\"", "malformed JSON (");
        }

        return data;
    }

    /// <summary>(bad JSON value for "dossier", the expected problem after "history.jsonl:1: ").</summary>
    public static TheoryData<string, string> BadDossiers() => new()
    {
        { "\"\"", "field 'dossier' must not be empty or white space." },
        { "\" \"", "field 'dossier' must not be empty or white space." },
        { "\"D\\u00001\"", "field 'dossier' must not contain a control character (U+0000)." },
        { $"\"{new string('D', 256)}\"", "field 'dossier' is 256 characters long; the interchange format accepts at most 255." },
        { "1", "field 'dossier' must be a string, not a number." },
        { "null", "field 'dossier' must be a string, not null." },
        { "[\"D1\"]", "field 'dossier' must be a string, not an array." },
    };

    /// <summary>(type, field, JSON value): values at the edge that must be accepted.</summary>
    public static TheoryData<string, string, string> EdgeValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (type, fields) in Valid)
        {
            foreach (var name in fields.Keys.Append("recorded"))
            {
                switch (Fields[name].Kind)
                {
                    case Kind.Code or Kind.OptionalCode:
                        data.Add(type, name, $"\"{new string('Đ', 255)}\"");
                        break;
                    case Kind.Text:
                        data.Add(type, name, $"\"{new string('ệ', 4000)}\"");
                        data.Add(type, name, "\"\"");
                        data.Add(type, name, "null");
                        break;
                }

                if (OptionalHere(type, name, Fields[name].Kind) is Kind.OptionalCode or Kind.OptionalInstant or Kind.OptionalEnum or Kind.OptionalBool)
                {
                    data.Add(type, name, "null");
                }
            }
        }

        return data;
    }

    /// <summary>A <c>due</c> is required on <c>received</c> only (SPEC §2).</summary>
    private static Kind OptionalHere(string type, string name, Kind kind) =>
        name == "due" && type != "received" ? Kind.OptionalInstant : kind;

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Every_bad_value_of_every_field_is_a_format_error_naming_the_file_the_line_and_the_dossier(string type, string field, string value, string problem)
    {
        foreach (var read in Readers)
        {
            var act = () => read(Line(type, field, value)).ToList();

            var error = act.Should().Throw<HistoryFormatException>().Which;
            error.Message.Should().StartWith("history.jsonl:1: dossier D1: " + problem);
            error.Message.Should().NotContainAny("\n", "\r");
            (error.File, error.LineNumber, error.Dossier).Should().Be(("history.jsonl", 1, "D1"));
        }
    }

    [Theory]
    [MemberData(nameof(BadDossiers))]
    public void A_bad_dossier_code_is_a_format_error_naming_the_file_and_the_line(string value, string problem)
    {
        foreach (var read in Readers)
        {
            var act = () => read(Line("result_returned", "dossier", value)).ToList();

            var error = act.Should().Throw<HistoryFormatException>().Which;
            error.Message.Should().Be("history.jsonl:1: " + problem);
            error.Dossier.Should().BeNull();
        }
    }

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void Values_at_the_limits_and_nulls_of_optional_fields_are_accepted(string type, string field, string value)
    {
        foreach (var read in Readers)
        {
            read(Line(type, field, value)).Should().ContainSingle().Which.Event.TypeName.Should().Be(type);
        }
    }

    [Fact]
    public void An_empty_optional_agency_code_is_a_format_error_not_a_crash()
    {
        var line = $$"""{"dossier":"D7","type":"transferred","at":"{{At}}","to":"000.00.37.H57","from":""}""";

        var act = () => JsonlHistoryReader.Read(Utf8(line), "h.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>()
            .WithMessage("h.jsonl:1: dossier D7: field 'from' must not be empty or white space (leave it out when there is none).");
    }

    private static readonly Func<string, IEnumerable<HistoryLine>>[] Readers =
    [
        text => JsonlHistoryReader.Read(Utf8(text), "history.jsonl"),
        text => JsonlHistoryReader.Read(new StringReader(text), "history.jsonl"),
    ];

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The valid line of a type with one field set to a JSON value (replacing it, or added).</summary>
    private static string Line(string type, string field, string value)
    {
        var fields = new List<(string Name, string Json)> { ("dossier", "\"D1\""), ("type", $"\"{type}\""), ("at", $"\"{At}\"") };
        fields.AddRange(Valid[type].Select(kv => (kv.Key, kv.Value)));
        var i = fields.FindIndex(f => f.Name == field);
        if (i >= 0)
        {
            fields[i] = (field, value);
        }
        else
        {
            fields.Add((field, value));
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";
    }
}
