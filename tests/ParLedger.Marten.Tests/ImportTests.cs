using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

public class ImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Receipt = """{"dossier":"G-1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"online","due":"2022-01-10T17:00:00+07:00"}""";
    private const string Resolved = """{"dossier":"G-1","type":"resolved","at":"2022-01-07T08:30:00+07:00","electronic_result":true}""";
    private const string Returned = """{"dossier":"G-1","type":"result_returned","at":"2022-01-08T08:30:00+07:00"}""";
    private const string Withdrawn = """{"dossier":"G-1","type":"withdrawn","at":"2022-01-09T08:30:00+07:00"}""";

    private static List<HistoryLine> Lines(params string[] lines) =>
        JsonlHistoryReader.Read(new StringReader(string.Join('\n', lines)), "grown.jsonl").ToList();

    private static readonly ReportingWindow January = new(new LocalDate(2022, 1, 1), new LocalDate(2022, 1, 31));

    [Fact]
    public async Task Imported_dossiers_are_Marten_streams_that_clerks_append_to_and_a_grown_file_adds_only_what_is_new()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        (await ledger.ImportAsync(Lines(Receipt))).EventsAdded.Should().Be(1);

        var loaded = await ledger.LoadAsync(new DossierCode("G-1"));
        loaded!.Version.Should().Be(1);
        await ledger.RecordAsync(new DossierCode("G-1"), 1, [new DossierResolved(InstantText.Parse("2022-01-07T08:30:00+07:00"), ElectronicResult: true)]);

        var grown = await ledger.ImportAsync(Lines(Receipt, Resolved, Returned, Returned));

        grown.Should().Be(new ImportResult(1, 0, 1, 4, 1, 3));
        (await ledger.LoadAsync(new DossierCode("G-1")))!.History.Select(e => e.TypeName).Should().Equal("received", "resolved", "result_returned");
        (await ledger.ReportAsync(January, ReportPolicy.Default)).Total.ResolvedEarly.Should().Be(1, "the facts follow both the append and the import");
    }

    [Fact]
    public async Task A_file_contradicting_stored_history_is_refused_naming_the_dossier_and_stores_nothing()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(Lines(Receipt, Resolved));
        var other = """{"dossier":"G-2","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"direct","due":"2022-01-10T17:00:00+07:00"}""";

        var act = () => ledger.ImportAsync(Lines(other, Withdrawn));

        (await act.Should().ThrowAsync<HistoryFormatException>())
            .Which.Message.Should().Be("grown.jsonl:2: dossier G-1: event 'withdrawn' at 2022-01-09T08:30:00+07:00 breaks lifecycle rule 3 (SPEC §2): the dossier already ended with 'resolved' at 2022-01-07T08:30:00+07:00.");
        (await ledger.LoadAsync(new DossierCode("G-2"))).Should().BeNull("nothing of a refused file is stored");
        (await ledger.ReportAsync(January, ReportPolicy.Default)).Total.ReceivedDirect.Should().Be(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_import_racing_a_clerks_append_on_the_same_dossier_stores_nothing_and_asks_to_run_it_again(bool grouped)
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(Lines(Receipt));
        var other = """{"dossier":"G-4","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"A","procedure":"P","level":"commune","channel":"direct","due":"2022-01-10T17:00:00+07:00"}""";

        // The clerk appends after the import has read G-1's stored events and before it writes ("checking" is reported
        // then by both paths: grouped input takes the one-pass path, the other order the staged one).
        var appended = false;
        var clerk = new SynchronousProgress(p =>
        {
            if (p.Phase == "checking" && !appended)
            {
                appended = true;
                ledger.RecordAsync(new DossierCode("G-1"), 1, [new DossierPaused(InstantText.Parse("2022-01-06T08:00:00+07:00"))]).GetAwaiter().GetResult();
            }
        });
        var act = () => ledger.ImportAsync(grouped ? Lines(Receipt, Resolved, other) : Lines(Receipt, other, Resolved), clerk);

        (await act.Should().ThrowAsync<StoreChangedException>()).Which.Message.Should().Contain("nothing was stored");
        appended.Should().BeTrue();
        (await ledger.LoadAsync(new DossierCode("G-1")))!.History.Select(e => e.TypeName).Should().Equal("received", "paused");
        (await ledger.LoadAsync(new DossierCode("G-4"))).Should().BeNull();
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public async Task A_malformed_line_stores_nothing()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));

        var act = () => ledger.ImportAsync(JsonlHistoryReader.Read(new StringReader(Receipt + "\n{\"dossier\":\"G-3\""), "bad.jsonl"));

        (await act.Should().ThrowAsync<HistoryFormatException>()).Which.Message.Should().StartWith("bad.jsonl:2: dossier G-3: malformed JSON");
        (await ledger.LoadAsync(new DossierCode("G-1"))).Should().BeNull();
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_store_reproduces_every_report()
    {
        var lines = RandomHistories.Generate(11, 300);
        var source = new LedgerOptions(database.ConnectionString, "parledger");
        await using (var ledger = await DossierLedger.OpenAsync(source))
        {
            await ledger.ResetAsync();
            await ledger.ImportAsync(lines);
        }

        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.jsonl");
        var export = await Tool.RunAsync("export", file, "--connection", database.ConnectionString);
        export.Code.Should().Be(0, export.Error);
        export.Out.Should().Contain($"wrote {lines.Count:N0} events");

        await using var copy = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await copy.ImportAsync(JsonlHistoryReader.ReadFile(file));
        var facts = HistoryReplay.Fold(lines);
        var random = new Random(11);
        for (var i = 0; i < 15; i++)
        {
            var window = RandomHistories.Window(random);
            var by = (Breakdown)random.Next(5);
            (await copy.ReportAsync(window, ReportPolicy.Default, by)).ShouldHaveSameFiguresAs(PeriodStatistics.Compute(facts, window, ReportPolicy.Default, by), $"window {window}");
            var asOf = RandomHistories.AsOf(random);
            (await copy.ReportAsOfAsync(window, ReportPolicy.Default, asOf)).ShouldHaveSameFiguresAs(PeriodStatistics.Compute(HistoryReplay.Fold(lines, asOf), window, ReportPolicy.Default, null, asOf), $"as of {asOf}");
        }
    }

    [Fact]
    public async Task Both_import_paths_store_the_same_histories_the_same_facts_and_the_same_stream_versions()
    {
        // Time-ordered lines take the staged path, the same lines grouped by dossier the one-pass path; a second,
        // grown import goes through each path into a store that already holds events (no foreign-key deferral).
        var all = RandomHistories.Generate(21, 400);
        var firstHalf = RandomHistories.FirstHalfOfEachDossier(all);
        var staged = await ImportTwiceAsync(firstHalf, all);
        var grouped = await ImportTwiceAsync(RandomHistories.GroupedByDossier(firstHalf), RandomHistories.GroupedByDossier(all));

        grouped.Results.Should().Equal(staged.Results);
        grouped.Histories.Should().Equal(staged.Histories);
        grouped.Streams.Should().Equal(staged.Streams);
        grouped.Facts.Should().Equal(staged.Facts);
        staged.Histories.Should().HaveCount(400);
        staged.Results[1].GrownDossiers.Should().BePositive("the second import grows stored dossiers");
    }

    private async Task<(ImportResult[] Results, string[] Histories, string[] Streams, string[] Facts)> ImportTwiceAsync(List<HistoryLine> first, List<HistoryLine> second)
    {
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        ImportResult[] results = [await ledger.ImportAsync(first), await ledger.ImportAsync(second)];
        var histories = new List<string>();
        await foreach (var (code, events) in ledger.ReadHistoriesAsync())
        {
            histories.Add($"{code}: {string.Join(", ", events)}");
        }

        var streams = await RowsAsync($"select id || ' v' || version from {schema}.mt_streams order by id");
        var facts = await RowsAsync($"select f::text from {schema}.pl_dossier_facts f order by code");
        var late = await RowsAsync($"select s::text from {schema}.pl_verdict_late s order by code, ord");
        var sums = await RowsAsync($"select s::text from {schema}.pl_verdict_sums s order by breakdown, level, period, key");
        return (results, [.. histories], streams, [.. facts, .. late, .. sums]);
    }

    private async Task<string[]> RowsAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Loading_an_empty_store_keeps_Martens_keys_and_indexes_of_the_events_whether_it_lands_or_fails(bool lands)
    {
        // Into an empty store the import drops the event table's keys and indexes for the load and re-creates them,
        // validated, before the commit.
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        var keysAndIndexes = $"""
            select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint where conrelid = '{schema}.mt_events'::regclass
            union all select indexname || ': ' || indexdef from pg_indexes where schemaname = '{schema}' and tablename = 'mt_events'
            order by 1
            """;
        var before = await RowsAsync(keysAndIndexes);
        var lines = lands ? Lines(Receipt, Resolved) : Lines(Receipt, Resolved, Withdrawn);

        var act = () => ledger.ImportAsync(lines);

        if (lands)
        {
            (await act()).EventsAdded.Should().Be(2);
        }
        else
        {
            await act.Should().ThrowAsync<HistoryFormatException>();
        }

        before.Should().Contain($"fkey_mt_events_stream_id: FOREIGN KEY (stream_id) REFERENCES {schema}.mt_streams(id) ON DELETE CASCADE")
            .And.Contain(k => k.StartsWith("pkey_mt_events_seq_id: PRIMARY KEY", StringComparison.Ordinal))
            .And.Contain(k => k.StartsWith("pk_mt_events_stream_and_version: CREATE UNIQUE INDEX", StringComparison.Ordinal));
        (await RowsAsync(keysAndIndexes)).Should().Equal(before);
        (await RowsAsync($"select id from {schema}.mt_streams")).Should().Equal(lands ? ["G-1"] : []);
    }
}
