using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Storage;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>Issue 9: the import writes Marten's own tables as Marten defines them, the same way on both paths.</summary>
public class MartenEventTablesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    /// <summary>Marten's columns the import leaves to their defaults, reviewed: a new Marten column must be added here or written.</summary>
    private static readonly Dictionary<string, string[]> LeftToMarten = new()
    {
        ["mt_events"] = ["bdata"], // binary payloads of [BinaryEvent] types: null for JSON events
        ["mt_streams"] = ["compacted_version"], // default 0: no stream is compacted
    };

    [Fact]
    public async Task The_import_writes_every_column_of_the_tables_Marten_creates_but_the_reviewed_ones_left_to_their_defaults()
    {
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        var tables = new MartenEventTables(ledger.Store);

        foreach (var (table, written) in new[] { ("mt_events", tables.EventColumns), ("mt_streams", tables.StreamColumns) })
        {
            var created = await ColumnsAsync(schema, table);
            created.Keys.Should().Contain(written, $"every column the import writes must exist in Marten's {table}");
            created.Keys.Except(written).Should().BeEquivalentTo(LeftToMarten[table], $"every column of Marten's {table} is written by the import or reviewed as left to its default");
            foreach (var left in LeftToMarten[table])
            {
                created[left].Should().Match<(bool Nullable, string? Default)>(c => c.Nullable || c.Default != null, $"{table}.{left} is left to Marten, so it must be nullable or have a default");
            }
        }
    }

    [Fact]
    public async Task Both_import_paths_write_the_same_Marten_rows_but_ids_and_timestamps_and_every_event_id_is_a_UUID_v7_from_Martens_sequence()
    {
        var all = RandomHistories.Generate(41, 200);
        var firstHalf = RandomHistories.FirstHalfOfEachDossier(all);
        var staged = await ImportTwiceAsync(firstHalf, all);
        var grouped = await ImportTwiceAsync(RandomHistories.GroupedByDossier(firstHalf), RandomHistories.GroupedByDossier(all));

        grouped.Events.Should().Equal(staged.Events);
        grouped.Streams.Should().Equal(staged.Streams);
        staged.Events.Should().HaveCount(all.Count);
        staged.Events.Should().Contain(r => r.StartsWith("D00000|1|received|ParLedger.Events.DossierReceived, ParLedger|*DEFAULT*|f||", StringComparison.Ordinal));
        staged.Streams.Should().HaveCount(200).And.OnlyContain(r => r.EndsWith("||*DEFAULT*|f|0", StringComparison.Ordinal));
        foreach (var path in new[] { staged, grouped })
        {
            path.Ids.Should().OnlyContain(id => id.Version == 7).And.OnlyHaveUniqueItems();
            path.Sequence.Should().OnlyHaveUniqueItems().And.OnlyContain(s => s > 0 && s <= path.SequenceLastValue, "seq_id comes from Marten's mt_events_sequence");
        }
    }

    [Fact]
    public async Task Issue9_an_import_advances_Martens_high_water_mark_over_its_events_but_not_past_a_number_a_clerk_reserved_and_has_not_committed()
    {
        var lines = RandomHistories.GroupedByDossier(RandomHistories.Generate(43, 200));
        var half = lines.Count / 2;
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema, ProjectionLifecycle.Async));
        await ledger.ImportAsync(lines.Take(half));

        (await ScalarAsync<long?>($"select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'"))
            .Should().Be(half, "the import's events are numbered 1.. by Marten's sequence, and the mark stands on the last");

        // A clerk's append has drawn a sequence number and not committed yet (Marten's append reserves before it inserts).
        await using var clerk = new NpgsqlConnection(database.ConnectionString);
        await clerk.OpenAsync();
        await using var transaction = await clerk.BeginTransactionAsync();
        await using var reserve = new NpgsqlCommand($"select nextval('{schema}.mt_events_sequence')", clerk, transaction);
        var reserved = (long)(await reserve.ExecuteScalarAsync())!;
        await ledger.ImportAsync(lines);

        (await ScalarAsync<long>($"select max(seq_id) from {schema}.mt_events")).Should().Be(lines.Count + 1);
        (await ScalarAsync<long?>($"select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'"))
            .Should().Be(reserved - 1, "the clerk's event, if it commits, must still be seen by the daemon");

        // The clerk gives up: the hole is dead, and Marten's daemon skips it and projects everything.
        await transaction.RollbackAsync();
        using var daemon = await ledger.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await daemon.WaitForNonStaleData(TimeSpan.FromSeconds(60));
        var facts = HistoryReplay.Fold(lines);
        var window = new Periods.ReportingWindow(new NodaTime.LocalDate(2021, 1, 1), new NodaTime.LocalDate(2023, 12, 31));
        (await ledger.ReportAsync(window, ReportPolicy.Default, Breakdown.Agency)).ShouldHaveSameFiguresAs(PeriodStatistics.Compute(facts, window, ReportPolicy.Default, Breakdown.Agency));
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task Stored_events_hold_no_type_name_and_their_recorded_instant_only_when_it_differs_from_at_on_every_write_path()
    {
        var all = RandomHistories.Generate(47, 150);
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(RandomHistories.GroupedByDossier(RandomHistories.FirstHalfOfEachDossier(all))); // the grouped path
        await ledger.ImportAsync(all); // the staged path: the input is not grouped
        var at = NodaTime.Instant.FromUtc(2022, 3, 1, 2, 0);
        var received = new DossierReceived(at, new AgencyCode("H57.99"), new ProcedureCode("P9"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, at + NodaTime.Duration.FromDays(3))
        {
            Recorded = at + NodaTime.Duration.FromHours(30),
        };
        await ledger.RecordAsync(new DossierCode("CLERK-1"), 0, [received]); // a clerk's append, through Marten
        await ledger.RecordAsync(new DossierCode("CLERK-2"), 0, [received with { Recorded = at }]);

        var late = all.Count(l => l.Event.Recorded != l.Event.At) + 1;
        late.Should().BeGreaterThan(10, "the random histories record some events late");
        (await ScalarAsync<long>($"select count(*) from {schema}.mt_events")).Should().Be(all.Count + 2);
        (await ScalarAsync<long>($"select count(*) from {schema}.mt_events where data ? 'type_name'")).Should().Be(0, "mt_events.type holds the type");
        (await ScalarAsync<long>($"select count(*) from {schema}.mt_events where data ? 'recorded'")).Should().Be(late, "recorded is stored when it is not at");
        (await ScalarAsync<long>($"select count(*) from {schema}.mt_events where data ? 'at'")).Should().Be(all.Count + 2);
        (await ScalarAsync<long>($"select count(*) from {schema}.mt_events where data->>'level' is distinct from lower(data->>'level') and data ? 'level'"))
            .Should().Be(0, "enumerations are stored by their snake_case names on every path, Marten's appends included");

        var read = new List<DossierEvent>();
        await foreach (var (_, events) in ledger.ReadHistoriesAsync())
        {
            read.AddRange(events);
        }

        read.Should().BeEquivalentTo([.. all.Select(l => l.Event), received, received with { Recorded = at }], o => o.RespectingRuntimeTypes(), "each event reads back as it was written, recorded instants included");
        read.Count(e => e.Recorded != e.At).Should().Be(late);
    }

    [Fact]
    public void An_event_stored_with_its_type_name_a_recorded_instant_equal_to_at_or_enumerations_as_declared_reads_as_before()
    {
        var stored = """{"at": "2021-11-25T10:00:00Z", "due": "2022-07-02T10:00:00Z", "field": "Đăng ký kinh doanh", "level": "province", "agency": "000.00.05.H57", "channel": "postal", "recorded": "2021-11-25T10:00:00Z", "procedure": "1.000370", "type_name": "received", "fee_required": true}""";
        var at = NodaTime.Instant.FromUtc(2021, 11, 25, 10, 0);

        var expected = new DossierReceived(at, new AgencyCode("000.00.05.H57"), new ProcedureCode("1.000370"), "Đăng ký kinh doanh", AdministrativeLevel.Province, ReceiptChannel.Postal, NodaTime.Instant.FromUtc(2022, 7, 2, 10, 0), FeeRequired: true);
        EventJson.Deserialize("received", System.Text.Encoding.UTF8.GetBytes(stored)).Should().Be(expected);

        // Appended through Marten before its enumerations were stored by their snake_case names.
        var throughMarten = stored.Replace("\"province\"", "\"Province\"", StringComparison.Ordinal).Replace("\"postal\"", "\"Postal\"", StringComparison.Ordinal);
        throughMarten.Should().Contain("\"Province\"");
        EventJson.Deserialize("received", System.Text.Encoding.UTF8.GetBytes(throughMarten)).Should().Be(expected);
    }

    private sealed record MartenRows(string[] Events, string[] Streams, Guid[] Ids, long[] Sequence, long SequenceLastValue);

    private async Task<MartenRows> ImportTwiceAsync(List<HistoryLine> first, List<HistoryLine> second)
    {
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(first);
        await ledger.ImportAsync(second);

        // Every column but seq_id, id and the timestamps, which differ by design.
        var events = await RowsAsync($"select concat_ws('|', stream_id, version, type, mt_dotnet_type, tenant_id, is_archived, coalesce(bdata::text, ''), data::text) from {schema}.mt_events order by stream_id, version");
        var streams = await RowsAsync($"select concat_ws('|', id, version, coalesce(type, ''), tenant_id, is_archived, compacted_version) from {schema}.mt_streams order by id");
        var ids = (await RowsAsync($"select id::text from {schema}.mt_events")).Select(Guid.Parse).ToArray();
        var sequence = (await RowsAsync($"select seq_id::text from {schema}.mt_events")).Select(long.Parse).ToArray();
        var lastValue = await ScalarAsync<long>($"select last_value from {schema}.mt_events_sequence");
        return new MartenRows(events, streams, ids, sequence, lastValue);
    }

    private async Task<Dictionary<string, (bool Nullable, string? Default)>> ColumnsAsync(string schema, string table)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select column_name::text, is_nullable = 'YES', column_default::text from information_schema.columns where table_schema = $1 and table_name = $2", connection)
        {
            Parameters = { new NpgsqlParameter { Value = schema }, new NpgsqlParameter { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, (bool, string?)>();
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = (reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        columns.Should().NotBeEmpty($"Marten created {schema}.{table}");
        return columns;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string[]> RowsAsync(string sql)
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

        return [.. rows];
    }
}
