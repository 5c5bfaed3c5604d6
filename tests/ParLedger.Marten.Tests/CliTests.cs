using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

public class CliTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Tool.RunAsync(args);

    [Fact]
    public async Task Import_then_report_from_the_store_agrees_with_report_from_the_file_and_reimport_adds_nothing()
    {
        var first = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString);
        first.Code.Should().Be(0, first.Error);
        first.Out.Should().Contain("added 1,159 events");

        var again = await Run("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString);
        again.Code.Should().Be(0, again.Error);
        again.Out.Should().Contain("added 0 events").And.Contain("skipped 1,159");

        foreach (var golden in ConformanceCase.All())
        {
            string[] window = ["--from", golden.Expected.Window.From.ToString("yyyy-MM-dd", null), "--to", golden.Expected.Window.To.ToString("yyyy-MM-dd", null)];
            string[] options =
            [
                .. window, "--format", "json", "--withdrawn", golden.Expected.Policy.WithdrawnText, "--precision", golden.Expected.Policy.PrecisionText,
                .. golden.By is { } by ? new[] { "--by", ParLedger.Text.Of(by) } : [],
                .. golden.Expected.AsOf is { } asOf ? new[] { "--as-of", ParLedger.InstantText.Format(asOf) } : [],
            ];
            var fromStore = await Run(["report", .. options, "--connection", database.ConnectionString]);
            var fromFile = await Run(["report", .. options, "--events", ConformanceCase.HistoryPath]);

            fromStore.Code.Should().Be(0, fromStore.Error);
            fromFile.Code.Should().Be(0, fromFile.Error);
            fromStore.Out.Should().Be(fromFile.Out, golden.Name);
            ParLedger.Statistics.ReportJson.Parse(fromStore.Out).ShouldHaveSameFiguresAs(golden.Expected, golden.Name);
        }
    }

    [Fact]
    public async Task A_file_with_a_lifecycle_violation_exits_2_naming_file_line_and_dossier_and_stores_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"dossier":"OK-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""",
            """{"dossier":"BAD-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""",
            """{"dossier":"BAD-1","type":"resumed","at":"2022-01-06T08:30:00+07:00"}""",
        ]);
        var schema = await StoreWithOneDossierAsync();

        string[] reportArgs = ["report", "--from", "2022-01-01", "--to", "2022-01-31", "--format", "json", "--connection", database.ConnectionString, "--schema", schema];
        var before = await Run(reportArgs);
        before.Code.Should().Be(0, before.Error);

        var result = await Run("import", file, "--connection", database.ConnectionString, "--schema", schema);

        result.Code.Should().Be(2);
        result.Error.Should().Contain($"{file}:3: dossier BAD-1").And.Contain("rule 4");
        var after = await Run(reportArgs);
        after.Code.Should().Be(0, after.Error);
        after.Out.Should().Be(before.Out, "nothing of the failed import is stored, not even the valid dossier OK-1");
    }

    /// <summary>A fresh schema holding a store with one dossier received in January 2022 (read commands need a store).</summary>
    private async Task<string> StoreWithOneDossierAsync()
    {
        var schema = DatabaseFixture.NewSchema();
        var seed = Path.Combine(Directory.CreateTempSubdirectory("parledger-seed-").FullName, "seed.jsonl");
        await File.WriteAllLinesAsync(seed, ["""{"dossier":"SEED-1","type":"received","at":"2022-01-04T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"direct","due":"2022-01-10T17:00:00+07:00"}"""]);
        var imported = await Run("import", seed, "--connection", database.ConnectionString, "--schema", schema);
        imported.Code.Should().Be(0, imported.Error);
        return schema;
    }

    public static IEnumerable<object[]> BadLines() =>
    [
        ["{\"dossier\":\"B-1\",\"type\":\"received\"", "bad.jsonl:2: dossier B-1: malformed JSON"],
        ["{\"dossier\":\"B-1\",\"type\":\"approved\",\"at\":\"2022-01-06T08:30:00+07:00\"}", "bad.jsonl:2: dossier B-1: unknown event type 'approved'"],
        ["{\"dossier\":\"B-1\",\"type\":\"transferred\",\"at\":\"2022-01-06T08:30:00+07:00\"}", "bad.jsonl:2: dossier B-1: missing required field 'to'."],
        ["{\"dossier\":\"B-1\",\"type\":\"fee_paid\",\"at\":\"2022-01-06T08:30:00+07:00\",\"online\":1}", "bad.jsonl:2: dossier B-1: field 'online' must be true or false, not a number."],
        ["{\"dossier\":\"B-1\",\"type\":\"resolved\",\"at\":\"2022-01-06 08:30\"}", "bad.jsonl:2: dossier B-1: field 'at' is not an ISO-8601 instant with an offset: '2022-01-06 08:30'"],
        ["{\"dossier\":\"OK-9\",\"type\":\"rated\",\"at\":\"2022-01-06T08:30:00+07:00\",\"satisfied\":true}", "bad.jsonl:2: dossier OK-9: event 'rated' at 2022-01-06T08:30:00+07:00 breaks lifecycle rule 6 (SPEC §2): 'rated' only comes after the terminal event."],
    ];

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task Every_kind_of_bad_input_exits_2_naming_file_line_dossier_and_problem_and_the_store_is_unchanged(string badLine, string message)
    {
        var dir = Directory.CreateTempSubdirectory("parledger-bad-").FullName;
        var file = Path.Combine(dir, "bad.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"dossier":"OK-9","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""", badLine]);
        var schema = await StoreWithOneDossierAsync();
        string[] reportArgs = ["report", "--from", "2022-01-01", "--to", "2022-01-31", "--format", "json", "--connection", database.ConnectionString, "--schema", schema];
        var before = await Run(reportArgs);
        before.Code.Should().Be(0, before.Error);

        var result = await Run("import", file, "--connection", database.ConnectionString, "--schema", schema);

        result.Code.Should().Be(2, result.Error);
        result.Error.Should().Contain(message.Replace("bad.jsonl", file, StringComparison.Ordinal));
        var after = await Run(reportArgs);
        after.Code.Should().Be(0, after.Error);
        after.Out.Should().Be(before.Out, "a failed import stores nothing");
    }

    [Fact]
    public async Task A_report_from_an_invalid_history_file_exits_2_naming_file_line_and_dossier()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("parledger-bad-").FullName, "events.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"dossier":"E-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""",
            """{"dossier":"E-1","type":"resolved","at":"2022-01-06T08:30:00+07:00"}""",
            """{"dossier":"E-1","type":"stopped","at":"2022-01-07T08:30:00+07:00"}""",
        ]);

        var result = await Run("report", "--period", "2022-Q1", "--events", file);

        result.Code.Should().Be(2);
        result.Error.Should().Contain($"{file}:3: dossier E-1: event 'stopped'").And.Contain("rule 3");
    }

    [Fact]
    public async Task Calendar_and_due_give_the_clerk_the_working_calendar()
    {
        var calendar = await Run("calendar", "2024", "--format", "json");
        calendar.Code.Should().Be(0, calendar.Error);
        using var json = System.Text.Json.JsonDocument.Parse(calendar.Out);
        json.RootElement.GetProperty("working_saturdays").EnumerateArray().Select(e => e.GetString()).Should().Equal("2024-05-04");
        json.RootElement.GetProperty("days_off").EnumerateArray()
            .Where(e => e.GetProperty("name").GetString()!.StartsWith("Tết Nguyên đán", StringComparison.Ordinal) && !e.GetProperty("name").GetString()!.Contains("nghỉ bù", StringComparison.Ordinal))
            .Select(e => e.GetProperty("date").GetString())
            .Should().Equal("2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12");

        (await Run("due", "--received", "2024-02-07T10:00:00+07:00", "--days", "3")).Out.Trim().Should().Be("2024-02-19T17:00:00+07:00");
        (await Run("due", "--received", "2024-03-01T16:00:00+07:00", "--hours", "8")).Out.Trim().Should().Be("2024-03-04T16:30:00+07:00");
        (await Run("due", "--received", "2024-03-01T16:00:00+07:00", "--days", "2", "--procedure-cutoff", "15:00")).Out.Trim().Should().Be("2024-03-06T17:00:00+07:00");
        var both = await Run("due", "--received", "2024-03-01T16:00:00+07:00", "--days", "2", "--hours", "3");
        both.Code.Should().Be(2);
        both.Error.Should().Contain("exactly one of --days N");
    }

    [Fact]
    public async Task A_report_without_a_store_exits_2_with_a_clear_message()
    {
        // The tool's process gets no PARLEDGER_CONNECTION, whatever the machine running the tests has set.
        var result = await Tool.RunAsync(new Dictionary<string, string?> { ["PARLEDGER_CONNECTION"] = null }, "report", "--period", "2022-H1");

        result.Code.Should().Be(2);
        result.Error.Should().Contain("--connection").And.Contain("--events");
    }

    [Fact]
    public async Task A_report_finds_the_store_through_PARLEDGER_CONNECTION()
    {
        var schema = await StoreWithOneDossierAsync();

        var result = await Tool.RunAsync(new Dictionary<string, string?> { ["PARLEDGER_CONNECTION"] = database.ConnectionString }, "report", "--period", "2022-H1", "--format", "json", "--schema", schema);

        result.Code.Should().Be(0, result.Error);
        ParLedger.Statistics.ReportJson.Parse(result.Out).Total.ReceivedDirect.Should().Be(1, "the one dossier of the store found through the variable");
    }
}
