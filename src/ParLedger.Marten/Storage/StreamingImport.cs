using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The import of SPEC §6: atomic, idempotent, streaming and bulk. The file is staged by binary COPY into a temporary
/// table (one line in memory at a time), read back merged with the stored events ordered by dossier (the server sorts,
/// spilling to disk if it must), and each dossier is checked on its own: repeats skipped, its whole history validated,
/// its facts folded. New events and facts go by binary COPY into a staging table of the writing transaction, which
/// then appends them to Marten's tables and the facts tables in one statement each, and commits — or, on any error,
/// rolls back so that nothing is stored. Memory holds one dossier at a time.
/// </summary>
internal sealed class StreamingImport(NpgsqlDataSource dataSource, FactsTables tables, string schema, bool writeFacts)
{
    private const short EventRow = 0, FactsRow = 1, SegmentsRow = 2;

    public async Task<ImportResult> RunAsync(IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var writer = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await writer.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"select pg_advisory_xact_lock(hashtext('{schema}.parledger_import'))", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, "create temp table pl_import_out (kind smallint not null, dossier text not null, version integer not null, type text, dotnet_type text, data jsonb not null) on commit drop", ct).ConfigureAwait(false);

        await using var reader = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(reader, "set work_mem = '256MB'", ct).ConfigureAwait(false);
        await ExecuteAsync(reader, "create temp table pl_import_in (line integer not null, dossier text not null, type text not null, data jsonb not null)", ct).ConfigureAwait(false);
        var (read, source) = await StageAsync(reader, lines, progress, ct).ConfigureAwait(false);

        var result = await CheckAsync(reader, writer, source, progress, ct).ConfigureAwait(false);
        progress?.Report(new ImportProgress("writing", 0));
        try
        {
            await ExecuteAsync(writer, $"""
                insert into {schema}.mt_streams (id, type, version, timestamp, created, tenant_id)
                select dossier, null, max(version), now(), now(), '*DEFAULT*' from pl_import_out where kind = {EventRow} group by dossier
                on conflict (id) do update set version = excluded.version, timestamp = excluded.timestamp
                """, ct).ConfigureAwait(false);
            await ExecuteAsync(writer, $"""
                insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                select nextval('{schema}.mt_events_sequence'), gen_random_uuid(), dossier, version, data, type, now(), '*DEFAULT*', dotnet_type, false
                from pl_import_out where kind = {EventRow}
                """, ct).ConfigureAwait(false);
            await ExecuteAsync(writer, $"delete from {tables.Segments} where code in (select dossier from pl_import_out where kind = {FactsRow})", ct).ConfigureAwait(false);
            await ExecuteAsync(writer, $"insert into {tables.Facts} select r.* from pl_import_out o, lateral jsonb_populate_record(null::{tables.Facts}, o.data) r where o.kind = {FactsRow} on conflict (code) do update set {FactsTables.UpdateEveryColumn}", ct).ConfigureAwait(false);
            await ExecuteAsync(writer, $"insert into {tables.Segments} select r.* from pl_import_out o, lateral jsonb_populate_recordset(null::{tables.Segments}, o.data) r where o.kind = {SegmentsRow}", ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure)
        {
            // Someone appended to an imported dossier since its stored events were read: the versions collide.
            throw new StoreChangedException("the store changed while the file was being imported; nothing was stored. Run the import again.", ex);
        }

        return result with { EventsRead = read, EventsSkipped = read - result.EventsAdded };
    }

    private static async Task<(long Read, string Source)> StageAsync(NpgsqlConnection connection, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        long read = 0;
        var source = "input";
        await using (var copy = await connection.BeginBinaryImportAsync("copy pl_import_in (line, dossier, type, data) from stdin (format binary)", ct).ConfigureAwait(false))
        {
            foreach (var line in lines)
            {
                ct.ThrowIfCancellationRequested();
                source = line.Source;
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(line.LineNumber, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(line.Dossier.Value, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(line.Event.TypeName, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(JsonSerializer.Serialize(line.Event, line.Event.GetType(), EventJson.Options), NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
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

    private async Task<ImportResult> CheckAsync(NpgsqlConnection reader, NpgsqlConnection writer, string source, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        int dossiers = 0, created = 0, grown = 0;
        long added = 0;
        await using var output = await writer.BeginBinaryImportAsync("copy pl_import_out (kind, dossier, version, type, dotnet_type, data) from stdin (format binary)", ct).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"""
            select dossier, src, ord, type, data from (
              select e.stream_id as dossier, 0 as src, e.version::bigint as ord, e.type::text as type, e.data
              from {schema}.mt_events e where e.stream_id in (select distinct dossier from pl_import_in) and not e.is_archived
              union all
              select dossier, 1, line, type, data from pl_import_in
            ) x order by dossier collate "C", src, ord
            """, reader))
        {
            command.CommandTimeout = 0;
            await using var rows = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
            var group = new DossierGroup();
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                var dossier = rows.GetString(0);
                if (group.Code is not null && !string.Equals(group.Code, dossier, StringComparison.Ordinal))
                {
                    added += await FlushAsync(group, output, source, ct).ConfigureAwait(false);
                    Tally(group, ref dossiers, ref created, ref grown);
                    if (dossiers % 20_000 == 0)
                    {
                        progress?.Report(new ImportProgress("checking", dossiers));
                    }

                    group = new DossierGroup();
                }

                group.Code = dossier;
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

            if (group.Code is not null)
            {
                added += await FlushAsync(group, output, source, ct).ConfigureAwait(false);
                Tally(group, ref dossiers, ref created, ref grown);
            }
        }

        await output.CompleteAsync(ct).ConfigureAwait(false);
        progress?.Report(new ImportProgress("checking", dossiers));
        return new ImportResult(dossiers, created, grown, 0, added, 0);
    }

    private static void Tally(DossierGroup group, ref int dossiers, ref int created, ref int grown)
    {
        dossiers++;
        if (group.Fresh > 0)
        {
            if (group.Stored.Count == 0)
            {
                created++;
            }
            else
            {
                grown++;
            }
        }
    }

    private async Task<long> FlushAsync(DossierGroup group, NpgsqlBinaryImporter output, string source, CancellationToken ct)
    {
        var code = new DossierCode(group.Code!);
        var known = new List<DossierEvent>(group.Stored);
        var fresh = new List<(int Line, DossierEvent Event)>();
        foreach (var (line, e) in group.Incoming)
        {
            if (!known.Exists(k => k.At == e.At && k.IsSameFactAs(e)))
            {
                known.Add(e);
                fresh.Add((line, e));
            }
        }

        group.Fresh = fresh.Count;
        if (fresh.Count == 0)
        {
            return 0;
        }

        var history = BusinessOrder.Sort(known);
        if (LifecycleRules.Check(code, history) is { } violation)
        {
            var (line, _) = fresh.Find(f => ReferenceEquals(f.Event, violation.Event)) is { Event: not null } hit ? hit : fresh[0];
            throw HistoryFormatException.FromViolation(source, line, violation);
        }

        var version = group.Stored.Count;
        foreach (var (_, e) in fresh)
        {
            await output.StartRowAsync(ct).ConfigureAwait(false);
            await output.WriteAsync(EventRow, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
            await output.WriteAsync(code.Value, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await output.WriteAsync(++version, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await output.WriteAsync(e.TypeName, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await output.WriteAsync(DotnetType(e), NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await output.WriteAsync(JsonSerializer.Serialize(e, e.GetType(), EventJson.Options), NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
        }

        if (writeFacts && DossierFacts.FromHistory(code, history) is { } facts)
        {
            var (factsJson, segmentsJson) = FactsTables.ToJson([facts]);
            await WriteRowAsync(output, FactsRow, code.Value, factsJson[1..^1], ct).ConfigureAwait(false);
            await WriteRowAsync(output, SegmentsRow, code.Value, segmentsJson, ct).ConfigureAwait(false);
        }

        return fresh.Count;
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter output, short kind, string code, string data, CancellationToken ct)
    {
        await output.StartRowAsync(ct).ConfigureAwait(false);
        await output.WriteAsync(kind, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
        await output.WriteAsync(code, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await output.WriteAsync(0, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await output.WriteNullAsync(ct).ConfigureAwait(false);
        await output.WriteNullAsync(ct).ConfigureAwait(false);
        await output.WriteAsync(data, NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
    }

    private static string DotnetType(DossierEvent e) => $"{e.GetType().FullName}, {e.GetType().Assembly.GetName().Name}";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private sealed class DossierGroup
    {
        public string? Code { get; set; }

        public List<DossierEvent> Stored { get; } = [];

        public List<(int Line, DossierEvent Event)> Incoming { get; } = [];

        public int Fresh { get; set; }
    }
}
