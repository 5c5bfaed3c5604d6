using System.Text.Json;
using Npgsql;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The import of SPEC §6: atomic, idempotent, streaming and bulk. One transaction, under an advisory lock so that two
/// imports into one schema queue. Input grouped by dossier takes the one-pass <see cref="GroupedImport"/>; any other
/// line order (or a history that breaks a rule) takes the general path below, after the fast path's transaction is
/// rolled back — so the input may be enumerated twice.
/// General path: the file is staged by binary COPY into a temporary table (one line in memory at a time), read back
/// merged with the stored events ordered by dossier (the server sorts, spilling to disk if it must), and each dossier is
/// checked on its own (<see cref="IncomingDossier"/>). New events and facts go by binary COPY into a staging table of
/// the writing transaction, which then appends them to Marten's tables and the facts tables in one statement each.
/// Into an empty store that the importing role owns, both paths load with the event table's foreign key, unique keys
/// and indexes dropped and re-created (validated in one set-based pass, built by one sort) before the commit: kept row
/// by row they cost more than the rest of the COPY into <c>mt_events</c>. The two tables are locked exclusively
/// meanwhile, which in an empty store keeps nobody from anything they had; into a store that holds events, the keys
/// and indexes are kept row by row and clerks keep working.
/// </summary>
internal sealed class StreamingImport(NpgsqlDataSource dataSource, FactsTables tables, MartenEventTables events, bool writeFacts)
{
    private const short EventRow = 0, FactsRow = 1, LateRow = 2;

    public async Task<ImportResult> RunAsync(IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var grouped = new GroupedImport(dataSource, tables, events, writeFacts);
        return await InTransactionAsync((writer, empty) => grouped.TryRunAsync(writer, empty, lines, progress, ct), progress, ct).ConfigureAwait(false)
            ?? await InTransactionAsync(async (writer, empty) => (ImportResult?)await StagedAsync(writer, empty, lines, progress, ct).ConfigureAwait(false), progress, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The general import path gave no result.");
    }

    /// <summary>Runs an import body in one transaction; commits when it gives a result, rolls back when it gives up (null).</summary>
    private async Task<ImportResult?> InTransactionAsync(Func<NpgsqlConnection, bool, Task<ImportResult?>> body, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var writer = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await writer.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"select pg_advisory_xact_lock(hashtext('{events.Schema}.parledger_import'))", ct).ConfigureAwait(false);
        if (writeFacts)
        {
            // The projected tables in the one order every writer takes them (a clerk's projection: late changes, sums,
            // facts; a rebuild's switch locks them so too). The import writes the facts first: without this it could hold
            // the facts while a rebuild held the late changes, and deadlock. Row-exclusive locks do not block each other.
            await ExecuteAsync(writer, $"lock table {tables.Late}, {tables.Sums.Name}, {tables.Facts} in row exclusive mode", ct).ConfigureAwait(false);
        }

        try
        {
            var deferred = await events.DeferKeysIfEmptyAsync(writer, ct).ConfigureAwait(false);
            var result = await body(writer, deferred is not null).ConfigureAwait(false);
            if (result is null)
            {
                return null;
            }

            await events.RestoreKeysAsync(writer, deferred ?? [], ct).ConfigureAwait(false);
            await events.AdvanceHighWaterMarkAsync(writer, ct).ConfigureAwait(false);

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure)
        {
            // Someone appended to an imported dossier since its stored events were read: the versions collide.
            throw new StoreChangedException("the store changed while the file was being imported; nothing was stored. Run the import again.", ex);
        }
    }

    private async Task<ImportResult> StagedAsync(NpgsqlConnection writer, bool storeIsEmpty, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await ExecuteAsync(writer, "create temp table pl_import_out (kind smallint not null, dossier text not null, version integer not null, event_id uuid, type text, dotnet_type text, data jsonb not null) on commit drop", ct).ConfigureAwait(false);

        await using var reader = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(reader, "set work_mem = '256MB'", ct).ConfigureAwait(false);
        await ExecuteAsync(reader, "create temp table pl_import_in (line integer not null, dossier text not null, type text not null, data jsonb not null)", ct).ConfigureAwait(false);
        var (read, source) = await StageAsync(reader, lines, progress, ct).ConfigureAwait(false);

        var result = await CheckAsync(reader, writer, storeIsEmpty, source, progress, ct).ConfigureAwait(false);
        progress?.Report(new ImportProgress("writing", 0));
        await events.AppendStagedAsync(writer, $"(select dossier as stream_id, version::bigint as version, event_id as id, type, dotnet_type, data from pl_import_out where kind = {EventRow})", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"delete from {tables.Late} where code in (select dossier from pl_import_out where kind = {FactsRow})", ct).ConfigureAwait(false);
        var imported = $"select dossier from pl_import_out where kind = {FactsRow}";
        await ExecuteAsync(writer, tables.Sums.ApplySql(tables.Facts, imported, -1), ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"insert into {tables.Facts} select r.* from pl_import_out o, lateral jsonb_populate_record(null::{tables.Facts}, o.data) r where o.kind = {FactsRow} on conflict (code) do update set {FactsTables.UpdateEveryColumn}", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, tables.Sums.ApplySql(tables.Facts, imported, +1), ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"insert into {tables.Late} select r.* from pl_import_out o, lateral jsonb_populate_recordset(null::{tables.Late}, o.data) r where o.kind = {LateRow}", ct).ConfigureAwait(false);
        return result with { EventsRead = read, EventsSkipped = read - result.EventsAdded };
    }

    private static async Task<(long Read, string Source)> StageAsync(NpgsqlConnection connection, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        long read = 0;
        var source = "input";
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_import_in (line, dossier, type, data) from stdin (format binary)", ct).ConfigureAwait(false))
        {
            foreach (var line in lines)
            {
                ct.ThrowIfCancellationRequested();
                source = line.Source;
                copy.StartRow(4);
                copy.Write(line.LineNumber);
                copy.WriteText(line.Dossier.Value);
                copy.WriteText(line.Event.TypeName);
                copy.WriteJsonb(JsonSerializer.SerializeToUtf8Bytes(line.Event, line.Event.GetType(), EventJson.Options));
                if (++read % 50_000 == 0)
                {
                    progress?.Report(new ImportProgress("reading", read));
                }
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        progress?.Report(new ImportProgress("reading", read));
        return (read, source);
    }

    private async Task<ImportResult> CheckAsync(NpgsqlConnection reader, NpgsqlConnection writer, bool storeIsEmpty, string source, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        int dossiers = 0, created = 0, grown = 0;
        long added = 0;
        await using var output = await BinaryCopyWriter.BeginAsync(writer, "copy pl_import_out (kind, dossier, version, event_id, type, dotnet_type, data) from stdin (format binary)", ct).ConfigureAwait(false);
        long FlushAndTally(IncomingDossier group)
        {
            var fresh = Flush(group, output, source);
            dossiers++;
            created += fresh > 0 && group.Stored.Count == 0 ? 1 : 0;
            grown += fresh > 0 && group.Stored.Count > 0 ? 1 : 0;
            if (dossiers % 20_000 == 0)
            {
                progress?.Report(new ImportProgress("checking", dossiers));
            }

            return fresh;
        }

        // Into an empty store this import has locked Marten's tables (see DeferKeysIfEmptyAsync): the reading
        // connection must not touch them, and there is nothing stored to merge.
        var storedRows = storeIsEmpty ? string.Empty : $"""
              select dossier, 0 as src, ord, type, data from ({events.StoredEventsOf("select distinct dossier from pl_import_in")}) stored
              union all
            """;
        await using (var command = new NpgsqlCommand($"""
            select dossier, src, ord, type, data from (
            {storedRows}
              select dossier, 1 as src, line::bigint as ord, type, data from pl_import_in
            ) x order by dossier collate "C", src, ord
            """, reader))
        {
            command.CommandTimeout = 0;
            await using var rows = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
            IncomingDossier? group = null;
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                var dossier = rows.GetString(0);
                if (group is null || !string.Equals(group.Code, dossier, StringComparison.Ordinal))
                {
                    if (group is not null)
                    {
                        added += FlushAndTally(group);
                    }

                    group = new IncomingDossier(dossier);
                }

                var stored = rows.GetInt32(1) == 0;
                var order = rows.GetInt64(2);
                var e = EventJson.Deserialize(rows.GetString(3), rows.GetFieldValue<byte[]>(4));
                if (stored)
                {
                    group.Stored.Add(e);
                }
                else
                {
                    group.Incoming.Add((checked((int)order), e));
                }
            }

            if (group is not null)
            {
                added += FlushAndTally(group);
            }
        }

        await output.CompleteAsync(ct).ConfigureAwait(false);
        progress?.Report(new ImportProgress("checking", dossiers));
        return new ImportResult(dossiers, created, grown, 0, added, 0);
    }

    private long Flush(IncomingDossier group, BinaryCopyWriter output, string source)
    {
        var merged = group.Merge(writeFacts);
        if (merged.Violation is { } violation)
        {
            throw HistoryFormatException.FromViolation(source, merged.BlamedLine, violation);
        }

        var version = group.Stored.Count;
        foreach (var (_, e) in merged.Fresh)
        {
            var row = events.Row(group.Code, ++version, e, JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EventJson.Options));
            output.StartRow(7);
            output.Write(EventRow);
            output.WriteText(row.Stream);
            output.Write((int)row.Version);
            output.Write(row.Id);
            output.WriteText(row.Type);
            output.WriteText(row.DotnetType);
            output.WriteJsonb(row.Data);
        }

        if (merged.Facts is { } facts)
        {
            var (factsJson, lateJson) = FactsTables.ToJson([StoredFacts.Of(facts)]);
            WriteRow(output, FactsRow, group.Code, factsJson[1..^1]);
            WriteRow(output, LateRow, group.Code, lateJson);
        }

        return merged.Fresh.Count;
    }

    private static void WriteRow(BinaryCopyWriter output, short kind, string code, string data)
    {
        output.StartRow(7);
        output.Write(kind);
        output.WriteText(code);
        output.Write(0);
        output.WriteNull();
        output.WriteNull();
        output.WriteNull();
        output.WriteJsonb(data);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
