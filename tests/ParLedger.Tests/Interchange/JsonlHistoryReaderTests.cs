using ParLedger.Interchange;
using ParLedger.Replay;

namespace ParLedger.Tests.Interchange;

public class JsonlHistoryReaderTests
{
    private const string Receipt = """{"dossier":"D1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"000.00.36.H57","procedure":"1.001234","level":"district","channel":"online","due":"2022-01-10T17:00:00+07:00"}""";

    [Theory]
    [InlineData("{\"dossier\":\"D1\",", "history.jsonl:2: dossier D1: malformed JSON")]
    [InlineData("{\"type\":\"resolved\",", "history.jsonl:2: malformed JSON")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"resolved\",\"at\":\"2022-01-06T08:30:00+07:00\"} {}", "history.jsonl:2: dossier D1: malformed JSON")]
    [InlineData("[1,2]", "history.jsonl:2: a line must be a JSON object.")]
    [InlineData("{\"type\":\"resolved\",\"at\":\"2022-01-06T08:30:00+07:00\"}", "history.jsonl:2: missing required field 'dossier'.")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"approved\",\"at\":\"2022-01-06T08:30:00+07:00\"}", "history.jsonl:2: dossier D1: unknown event type 'approved'")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"resolved\",\"at\":\"2022-01-06T08:30:00\"}", "history.jsonl:2: dossier D1: field 'at' is not an ISO-8601 instant with an offset: '2022-01-06T08:30:00'")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"fee_paid\",\"at\":\"2022-01-06T08:30:00+07:00\"}", "history.jsonl:2: dossier D1: missing required field 'online'.")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"fee_paid\",\"at\":\"2022-01-06T08:30:00+07:00\",\"online\":\"yes\"}", "history.jsonl:2: dossier D1: field 'online' must be true or false, not a string.")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"received\",\"at\":\"2022-01-05T08:30:00+07:00\",\"agency\":\"A\",\"procedure\":\"P\",\"level\":\"ward\",\"channel\":\"online\",\"due\":\"2022-01-10T17:00:00+07:00\"}", "history.jsonl:2: dossier D1: field 'level' is 'ward', expected province, district or commune.")]
    [InlineData("{\"dossier\":\"D1\",\"type\":\"received\",\"at\":\"2022-01-05T08:30:00+07:00\",\"agency\":\"A\",\"level\":\"commune\",\"channel\":\"online\",\"due\":\"2022-01-10T17:00:00+07:00\"}", "history.jsonl:2: dossier D1: missing required field 'procedure'.")]
    public void Bad_lines_are_refused_naming_the_file_the_line_the_dossier_and_the_problem(string line, string message)
    {
        var act = () => JsonlHistoryReader.Read(new StringReader(Receipt + "\n" + line + "\n"), "history.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>().Where(e => e.LineNumber == 2).WithMessage(message + "*");
    }

    [Fact]
    public void A_lifecycle_violation_in_a_history_names_the_file_line_dossier_and_rule()
    {
        var text = Receipt + "\n\n" + """{"dossier":"D1","type":"supplement_received","at":"2022-01-06T08:30:00+07:00"}""";

        var act = () => HistoryReplay.Fold(JsonlHistoryReader.Read(new StringReader(text), "history.jsonl").ToList());

        act.Should().Throw<HistoryFormatException>().WithMessage("history.jsonl:3: dossier D1: event 'supplement_received'*rule 4*no stop of the clock is open*");
    }

    [Fact]
    public void Unknown_fields_and_blank_lines_are_ignored_and_defaults_filled_in()
    {
        var text = "\n" + Receipt.Replace("}", ",\"extra\":42}", StringComparison.Ordinal) + "\n\n" + """{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00"}""";

        var lines = JsonlHistoryReader.Read(new StringReader(text), "h").ToList();

        lines.Select(l => l.LineNumber).Should().Equal(2, 4);
        lines[1].Event.Should().Be(new ParLedger.Events.DossierResolved(lines[1].Event.At));
        lines[1].Event.Recorded.Should().Be(lines[1].Event.At);
    }
}
