using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The import's fast path, for input whose lines are grouped by dossier (each dossier's lines next to each other, as
/// <c>export</c> writes them and as case-management systems export): one pass, no staging. A producer reads the lines,
/// closes each dossier's group when the next dossier begins, looks up the stored events of a chunk of dossiers,
/// checks and folds each one, and serialises the new events; the writer appends each chunk by binary COPY straight
/// into Marten's tables and the facts tables, while the producer works on the next one (two cores: the client parses
/// and checks while the server writes).
/// The path is optimistic: a dossier that comes back after its group ended, or a history that breaks a rule, makes it
/// give up (<see langword="null"/>), and the caller rolls back and runs the general path, which accepts any line order
/// and names the offending line.
/// </summary>
internal sealed class GroupedImport(NpgsqlDataSource dataSource, FactsTables tables, string schema, bool writeFacts)
{
    /// <summary>Events per chunk: large enough to keep COPY statements few, small enough that the chunks in flight (one being checked, one queued, one being written) stay a few tens of MB.</summary>
    private const int ChunkEvents = 20_000;

    public async Task<ImportResult?> TryRunAsync(NpgsqlConnection writer, bool storeIsEmpty, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        DateTime now;
        await using (var clock = new NpgsqlCommand("select now()", writer))
        {
            now = (DateTime)(await clock.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, storeIsEmpty, lines, progress, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteAsync(writer, chunk, now, stop.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The writer's error is the one to report; the producer was stopped because of it.
            }

            throw;
        }

        return await producer.ConfigureAwait(false);
    }

    private async Task<ImportResult?> ProduceAsync(ChannelWriter<Chunk> output, bool storeIsEmpty, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        try
        {
            await using var reader = storeIsEmpty ? null : await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var seen = new HashSet<ulong>();
            var groups = new List<IncomingDossier>();
            var tally = new Tally();
            IncomingDossier? current = null;
            var pending = 0;
            foreach (var line in lines)
            {
                ct.ThrowIfCancellationRequested();
                if (current is null || !string.Equals(current.Code, line.Dossier.Value, StringComparison.Ordinal))
                {
                    if (!seen.Add(Hash(line.Dossier.Value)))
                    {
                        // The dossier came back after its group ended: the input is not grouped.
                        output.Complete();
                        return null;
                    }

                    if (pending >= ChunkEvents)
                    {
                        if (!await FlushAsync(output, reader, groups, tally, progress, ct).ConfigureAwait(false))
                        {
                            return null;
                        }

                        groups = [];
                        pending = 0;
                    }

                    current = new IncomingDossier(line.Dossier.Value);
                    groups.Add(current);
                }

                current.Incoming.Add((line.LineNumber, line.Event));
                pending++;
                if (++tally.Read % 50_000 == 0)
                {
                    progress?.Report(new ImportProgress("reading", tally.Read));
                }
            }

            if (!await FlushAsync(output, reader, groups, tally, progress, ct).ConfigureAwait(false))
            {
                return null;
            }

            output.Complete();
            progress?.Report(new ImportProgress("reading", tally.Read));
            progress?.Report(new ImportProgress("writing", 0));
            return new ImportResult(tally.Dossiers, tally.Created, tally.Grown, tally.Read, tally.Added, tally.Read - tally.Added);
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Checks a chunk of complete groups and hands it to the writer; false (and the channel closed) when a history breaks a rule.</summary>
    private async Task<bool> FlushAsync(ChannelWriter<Chunk> output, NpgsqlConnection? reader, List<IncomingDossier> groups, Tally tally, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (reader is not null)
        {
            await LoadStoredAsync(reader, groups, ct).ConfigureAwait(false);
        }

        var chunk = new Chunk();
        foreach (var group in groups)
        {
            tally.Dossiers++;
            var merged = group.Merge(writeFacts);
            if (merged.Fresh.Count == 0)
            {
                continue;
            }

            if (merged.Violation is not null)
            {
                output.Complete();
                return false;
            }

            var version = group.Stored.Count;
            if (version == 0)
            {
                tally.Created++;
                chunk.NewStreams.Add((group.Code, merged.Fresh.Count));
            }
            else
            {
                tally.Grown++;
                chunk.GrownStreams.Add((group.Code, version + merged.Fresh.Count));
            }

            foreach (var (_, e) in merged.Fresh)
            {
                chunk.Events.Add(new EventRow(group.Code, ++version, e.TypeName, DotnetType(e), JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EventJson.Options)));
            }

            tally.Added += merged.Fresh.Count;
            if (merged.Facts is { } facts)
            {
                (group.Stored.Count == 0 ? chunk.NewFacts : chunk.GrownFacts).Add(facts);
            }
        }

        // Reported after the chunk's stored events were read and before any of it is written.
        progress?.Report(new ImportProgress("checking", tally.Dossiers));
        await output.WriteAsync(chunk, ct).ConfigureAwait(false);
        return true;
    }

    private async Task LoadStoredAsync(NpgsqlConnection reader, List<IncomingDossier> groups, CancellationToken ct)
    {
        var byCode = groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"select stream_id, type, data from {schema}.mt_events where stream_id = any($1) and not is_archived order by stream_id, version", reader)
        {
            CommandTimeout = 0,
            Parameters = { new NpgsqlParameter { Value = byCode.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar } },
        };
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            byCode[rows.GetString(0)].Stored.Add(EventJson.Deserialize(rows.GetString(1), rows.GetFieldValue<byte[]>(2)));
        }
    }

    private async Task WriteAsync(NpgsqlConnection writer, Chunk chunk, DateTime now, CancellationToken ct)
    {
        if (chunk.Events.Count == 0)
        {
            return;
        }

        var sequence = new long[chunk.Events.Count];
        await using (var reserve = new NpgsqlCommand($"select nextval('{schema}.mt_events_sequence') from generate_series(1, $1)", writer) { Parameters = { new NpgsqlParameter { Value = sequence.Length } } })
        await using (var values = await reserve.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            for (var i = 0; await values.ReadAsync(ct).ConfigureAwait(false); i++)
            {
                sequence[i] = values.GetInt64(0);
            }
        }

        if (chunk.NewStreams.Count > 0)
        {
            await using var copy = await writer.BeginBinaryImportAsync($"copy {schema}.mt_streams (id, version, timestamp, created, tenant_id) from stdin (format binary)", ct).ConfigureAwait(false);
            foreach (var (code, version) in chunk.NewStreams)
            {
                copy.StartRow();
                copy.Write(code, NpgsqlDbType.Varchar);
                copy.Write((long)version, NpgsqlDbType.Bigint);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(TenantId, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (chunk.GrownStreams.Count > 0)
        {
            await using var update = new NpgsqlCommand(
                $"update {schema}.mt_streams s set version = g.version, timestamp = now() from unnest($1::varchar[], $2::bigint[]) g(id, version) where s.id = g.id", writer)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = chunk.GrownStreams.Select(s => s.Code).ToArray() },
                    new NpgsqlParameter { Value = chunk.GrownStreams.Select(s => (long)s.Version).ToArray() },
                },
            };
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var copy = await writer.BeginBinaryImportAsync(
            $"copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) from stdin (format binary)", ct).ConfigureAwait(false))
        {
            for (var i = 0; i < chunk.Events.Count; i++)
            {
                var e = chunk.Events[i];
                copy.StartRow();
                copy.Write(sequence[i], NpgsqlDbType.Bigint);
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(e.Stream, NpgsqlDbType.Varchar);
                copy.Write((long)e.Version, NpgsqlDbType.Bigint);
                copy.Write(e.Data, NpgsqlDbType.Jsonb);
                copy.Write(e.Type, NpgsqlDbType.Varchar);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(TenantId, NpgsqlDbType.Varchar);
                copy.Write(e.DotnetType, NpgsqlDbType.Varchar);
                copy.Write(false, NpgsqlDbType.Boolean);
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        await WriteFactsAsync(writer, chunk, ct).ConfigureAwait(false);
    }

    private async Task WriteFactsAsync(NpgsqlConnection writer, Chunk chunk, CancellationToken ct)
    {
        if (chunk.NewFacts.Count > 0)
        {
            await using (var copy = await writer.BeginBinaryImportAsync(tables.CopyFactsSql, ct).ConfigureAwait(false))
            {
                foreach (var facts in chunk.NewFacts)
                {
                    FactsTables.WriteFactsRow(copy, facts);
                }

                await copy.CompleteAsync(ct).ConfigureAwait(false);
            }

            await using (var copy = await writer.BeginBinaryImportAsync(tables.CopySegmentsSql, ct).ConfigureAwait(false))
            {
                foreach (var facts in chunk.NewFacts)
                {
                    FactsTables.WriteSegmentRows(copy, facts);
                }

                await copy.CompleteAsync(ct).ConfigureAwait(false);
            }
        }

        if (chunk.GrownFacts.Count > 0)
        {
            await tables.UpsertAsync(writer, chunk.GrownFacts, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Marten's default tenant, as in <c>mt_events.tenant_id</c>.</summary>
    private const string TenantId = "*DEFAULT*";

    /// <summary>The <c>mt_dotnet_type</c> of an event, as Marten writes it ("full type name, assembly name").</summary>
    internal static string DotnetType(DossierEvent e) => DotnetTypes.GetOrAdd(e.GetType(), static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DotnetTypes = new();

    /// <summary>FNV-1a, 64 bits: a collision only sends the import to the general path, never changes what is stored.</summary>
    private static ulong Hash(string code)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in code)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class Tally
    {
        public long Read { get; set; }

        public long Added { get; set; }

        public int Dossiers { get; set; }

        public int Created { get; set; }

        public int Grown { get; set; }
    }

    private sealed record EventRow(string Stream, int Version, string Type, string DotnetType, byte[] Data);

    private sealed class Chunk
    {
        public List<(string Code, int Version)> NewStreams { get; } = [];

        public List<(string Code, int Version)> GrownStreams { get; } = [];

        public List<EventRow> Events { get; } = [];

        public List<DossierFacts> NewFacts { get; } = [];

        public List<DossierFacts> GrownFacts { get; } = [];
    }
}
