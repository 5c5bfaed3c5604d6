using Npgsql;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Storage;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary><c>RebuildAsync</c> (issue 12): exact, atomic, cancellable, and keeping what clerks append meanwhile.</summary>
public class RebuildTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly Instant Later = VietnamTime.ToInstant(new LocalDateTime(2023, 3, 1, 9, 0));

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private Task<List<string>> ObjectsAsync(string schema) => RowsAsync(
        $"select c.relname::text || ':' || c.relkind::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '{schema}' and c.relname like 'pl\\_%' order by 1");

    private Task<List<string>> ConstraintsAsync(string schema) => RowsAsync(
        $"select conname::text from pg_constraint k join pg_namespace n on n.oid = k.connamespace where n.nspname = '{schema}' and conrelid::regclass::text like '%pl\\_%' order by 1");

    private Task<List<string>> IndexDefinitionsAsync(string schema) => RowsAsync(
        $"select indexdef from pg_indexes where schemaname = '{schema}' and tablename like 'pl\\_%' order by 1");

    private async Task CorruptAsync(string schema) => await RowsAsync(
        $"update {schema}.pl_verdict_sums set c3 = c3 + 1 where breakdown = 0 and level = 2 returning key");

    /// <summary>Reports a phase to an action, synchronously (Progress&lt;T&gt; would post it to the thread pool).</summary>
    private sealed class OnPhase(string phase, Action action) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value)
        {
            if (value.Phase == phase)
            {
                action();
            }
        }
    }

    [Fact]
    public async Task A_rebuild_replaces_corrupted_projections_with_the_replays_and_keeps_every_table_and_index_name()
    {
        var schema = DatabaseFixture.NewSchema();
        var lines = RandomHistories.Generate(21, 150);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(lines);
        var objects = await ObjectsAsync(schema);
        var constraints = await ConstraintsAsync(schema);
        var indexes = await IndexDefinitionsAsync(schema);
        await CorruptAsync(schema);
        (await ledger.AuditProjectionsAsync(windows: 0)).Clean.Should().BeFalse();

        var tool = await Tool.RunAsync("rebuild", "--connection", database.ConnectionString, "--schema", schema);
        tool.Code.Should().Be(0, tool.Error);
        tool.Out.Should().Contain($"rebuilt from {lines.Count:N0} events: 150 dossiers");
        tool.Error.Should().Contain("rebuild: switched", "progress goes to standard error, one line per phase when redirected");
        (await ledger.AuditProjectionsAsync(windows: 0)).Clean.Should().BeTrue("the tool's rebuild repaired the corrupted sum");
        await CorruptAsync(schema);

        var result = await ledger.RebuildAsync();

        result.Dossiers.Should().Be(150);
        result.Events.Should().Be(lines.Count);
        var audit = await ledger.AuditProjectionsAsync(windows: 10);
        audit.Clean.Should().BeTrue(string.Join("\n", audit.DifferingDossiers.Concat(audit.DifferingSums).Concat(audit.DifferingReports)));
        (await ObjectsAsync(schema)).Should().Equal(objects, "the rebuilt tables and their indexes take the old names");
        (await ConstraintsAsync(schema)).Should().Equal(constraints);
        indexes.Should().HaveCount(4, "the facts, late-change (and its day) and sums keys");
        (await IndexDefinitionsAsync(schema)).Should().Equal(indexes, "the rebuilt tables are loaded without indexes and given the live ones' after");

        // The store opens for writing again without schema changes, and a clerk's append lands in the rebuilt tables.
        await using var reopened = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        var code = HistoryReplay.Fold(lines)[0].Code;
        var dossier = await reopened.LoadAsync(code);
        await reopened.RecordAsync(code, dossier!.Version, [new FeePaid(Later, Online: true)]);
        (await reopened.AuditProjectionsAsync(windows: 5)).Clean.Should().BeTrue();
    }

    [Fact]
    public async Task A_cancelled_rebuild_leaves_the_old_tables_serving_and_nothing_behind()
    {
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(RandomHistories.Generate(22, 120));
        await CorruptAsync(schema);
        var objects = await ObjectsAsync(schema);
        using var cancel = new CancellationTokenSource();

        var rebuild = async () => await ledger.RebuildAsync(new OnPhase("summing", cancel.Cancel), cancel.Token);

        await rebuild.Should().ThrowAsync<OperationCanceledException>();
        (await ObjectsAsync(schema)).Should().Equal(objects, "no table of the cancelled rebuild is left");
        var audit = await ledger.AuditProjectionsAsync(windows: 0);
        audit.DifferingSums.Should().NotBeEmpty("the old (corrupted) tables still serve: the rebuild changed nothing");
    }

    [Fact]
    public async Task Events_appended_while_a_rebuild_runs_are_in_the_rebuilt_tables_exactly_once()
    {
        var schema = DatabaseFixture.NewSchema();
        var lines = RandomHistories.Generate(23, 120);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(lines);
        var codes = HistoryReplay.Fold(lines).Select(f => f.Code).Take(30).ToList();

        async Task AppendAsync(int from, int count)
        {
            // New dossiers, and an online fee paid on existing ones (allowed after any event, SPEC §2 rule 3).
            await Task.WhenAll(Enumerable.Range(from, count).Select(async i =>
            {
                var received = new DossierReceived(Later + Duration.FromMinutes(i), new AgencyCode("H57.99"), new ProcedureCode("P9"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, Later + Duration.FromDays(3), FeeRequired: true);
                await ledger.RecordAsync(new DossierCode($"NEW-{i:D3}"), 0, [received]);
                var existing = codes[i % codes.Count];
                for (var attempt = 0; ; attempt++)
                {
                    var dossier = await ledger.LoadAsync(existing);
                    try
                    {
                        await ledger.RecordAsync(existing, dossier!.Version, [new FeePaid(Later + Duration.FromHours(i), Online: true)]);
                        break;
                    }
                    catch (DossierConcurrencyException) when (attempt < 20)
                    {
                        // Another appender of this test took the version: reload and try again, as a clerk would.
                    }
                }
            }));
        }

        Task? racing = null;
        var progress = new Progress2(
            ("summing", () => AppendAsync(0, 20).GetAwaiter().GetResult()), // after the snapshot was read: caught up before the switch
            ("catching up", () => racing = Task.Run(() => AppendAsync(20, 20)))); // while the live tables are locked: they wait, then land
        var result = await ledger.RebuildAsync(progress);
        await racing!;

        result.CaughtUp.Should().BeGreaterThanOrEqualTo(40, "the 20 new dossiers and the existing ones paid while the snapshot was summed");
        var audit = await ledger.AuditProjectionsAsync(windows: 10);
        audit.Clean.Should().BeTrue(string.Join("\n", audit.DifferingDossiers.Concat(audit.DifferingSums).Concat(audit.DifferingReports)));
        var stored = new List<HistoryLine>();
        await foreach (var (code, events) in ledger.ReadHistoriesAsync())
        {
            stored.AddRange(events.Select(e => new HistoryLine("store", 0, code, e)));
        }

        stored.Count(l => l.Event is FeePaid { At: var at } && at >= Later).Should().Be(40, "every racing payment is stored once");
        var facts = HistoryReplay.Fold(stored);
        facts.Should().HaveCount(160);
        var window = new ReportingWindow(new LocalDate(2021, 1, 1), new LocalDate(2023, 12, 31));
        (await ledger.ReportAsync(window, ReportPolicy.Default, Breakdown.Agency)).Should().Be(PeriodStatistics.Compute(facts, window, ReportPolicy.Default, Breakdown.Agency));
        (await ledger.ServiceIndexAsync(window, ReportPolicy.Default)).Should().Equal(ServiceIndex.Compute(facts, window, ReportPolicy.Default));
    }

    [Fact]
    public async Task An_import_racing_a_rebuilds_switch_lands_exactly_once()
    {
        // The import starts as the switch is about to lock the projected tables: whichever comes second waits for the
        // first (both take the tables in the projection's order), and the imported dossiers are in the rebuilt tables
        // exactly once. (With the import's table locks removed, four runs did not deadlock here: the timing is narrow.)
        var schema = DatabaseFixture.NewSchema();
        var lines = RandomHistories.Generate(29, 120);
        var more = RandomHistories.GroupedByDossier(RandomHistories.Generate(31, 60))
            .Select(l => l with { Dossier = new DossierCode($"IMP-{l.Dossier.Value}") })
            .ToList();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(lines);

        Task<ImportResult>? racing = null;
        var result = await ledger.RebuildAsync(new Progress2(("catching up", () => racing = Task.Run(() => ledger.ImportAsync(more)))));
        var imported = await racing!;

        imported.EventsAdded.Should().Be(more.Count);
        result.Dossiers.Should().Be(HistoryReplay.Fold(lines).Count);
        var audit = await ledger.AuditProjectionsAsync(windows: 10);
        audit.Clean.Should().BeTrue(string.Join("\n", audit.DifferingDossiers.Concat(audit.DifferingSums).Concat(audit.DifferingReports)));
        var facts = HistoryReplay.Fold([.. lines, .. more]);
        var window = new ReportingWindow(new LocalDate(2021, 1, 1), new LocalDate(2023, 12, 31));
        (await ledger.ReportAsync(window, ReportPolicy.Default, Breakdown.Agency)).Should().Be(PeriodStatistics.Compute(facts, window, ReportPolicy.Default, Breakdown.Agency));
    }

    [Fact]
    public async Task The_streams_digest_a_rebuild_compares_holds_still_in_its_snapshot_and_moves_with_every_committed_append()
    {
        // The rebuild skips its catch-up when the digest read after the lock equals the one read in its snapshot: that
        // is right only if every committed append, to a dossier of the snapshot or to a new one, moves the digest.
        var schema = DatabaseFixture.NewSchema();
        var lines = RandomHistories.Generate(24, 40);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(lines);
        var events = new MartenEventTables(ledger.Store);
        await using var now = new NpgsqlConnection(database.ConnectionString);
        await now.OpenAsync();
        await using var snapshotConnection = new NpgsqlConnection(database.ConnectionString);
        await snapshotConnection.OpenAsync();
        await using var snapshot = await snapshotConnection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);

        var before = await events.StreamsDigestAsync(snapshotConnection, default);
        (await events.StreamsDigestAsync(now, default)).Should().Be(before, "nothing was appended");
        before.Should().Be($"40/{lines.Count}", "40 streams whose versions add up to the events imported");

        var existing = HistoryReplay.Fold(lines)[7].Code;
        var dossier = await ledger.LoadAsync(existing);
        await ledger.RecordAsync(existing, dossier!.Version, [new FeePaid(Later, Online: true)]);
        var afterPayment = await events.StreamsDigestAsync(now, default);
        afterPayment.Should().NotBe(before, "an event appended to a dossier of the snapshot raises its stream's version");

        var received = new DossierReceived(Later, new AgencyCode("H57.99"), new ProcedureCode("P9"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, Later + Duration.FromDays(3), FeeRequired: false);
        await ledger.RecordAsync(new DossierCode("NEW-DIGEST"), 0, [received]);
        var afterNewDossier = await events.StreamsDigestAsync(now, default);
        afterNewDossier.Should().NotBe(afterPayment, "a new dossier adds a stream");
        afterNewDossier.Should().Be($"41/{lines.Count + 2}");

        (await events.StreamsDigestAsync(snapshotConnection, default)).Should().Be(before, "the snapshot sees none of what was committed after it was taken");
        await snapshot.CommitAsync();
    }

    private sealed class Progress2(params (string Phase, Action Action)[] actions) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value)
        {
            foreach (var (phase, action) in actions)
            {
                if (value.Phase == phase)
                {
                    action();
                }
            }
        }
    }
}
