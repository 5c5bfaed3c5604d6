using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Codes;
using ParLedger.Events;
using Weasel.Postgresql.Tables;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The one place ParLedger reads and writes Marten's own tables (<c>mt_events</c>, <c>mt_streams</c>,
/// <c>mt_event_progression</c> and the sequence <c>mt_events_sequence</c>) without a Marten session: the import's
/// binary COPY and staged appends, its reads of stored events, and the history export.
/// The columns are Marten's: taken, in Marten's order, from the table definitions Marten builds from its event
/// configuration (the same definitions <c>ApplyAllConfiguredChangesToDatabaseAsync</c> creates), as Marten's own
/// <c>BulkEventAppender</c> derives its COPY columns from the event graph. A column ParLedger knows gets its value
/// here, once for both import paths; a column it does not know is left to Marten's default when it has one or may
/// be null, and refused when the ledger opens otherwise (a Marten upgrade that adds a required column fails there,
/// and in the column test, not in a province's import). One tenant (Marten's default), event ids UUID v7, sequence
/// numbers drawn from Marten's sequence, type names from Marten's event mappings.
/// </summary>
internal sealed class MartenEventTables
{
    /// <summary>The tenant of every row: Marten's default tenant (ParLedger's store is single-tenant).</summary>
    public const string TenantId = StorageConstants.DefaultTenantId;

    private readonly Dictionary<Type, (string TypeName, string DotnetType)> _mappings;
    private readonly EventColumn[] _eventColumns;
    private readonly StreamColumn[] _streamColumns;

    public MartenEventTables(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Schema = store.Options.Events.DatabaseSchemaName;
        Events = $"{Schema}.mt_events";
        Streams = $"{Schema}.mt_streams";
        Sequence = $"{Schema}.mt_events_sequence";
        Progression = $"{Schema}.mt_event_progression";

        var registry = (IEventRegistry)store.Options.Events;
        _mappings = EventTypes.ByName.Values.ToDictionary(t => t, t =>
        {
            var mapping = registry.EventMappingFor(t);
            return (mapping.EventTypeName, mapping.DotNetTypeName);
        });

        var definitions = store.Storage.Database.AllObjects().OfType<Table>().ToList();
        (_eventColumns, EventColumnsLeftToMarten) = Select(definitions, "mt_events", KnownEventColumns);
        (_streamColumns, StreamColumnsLeftToMarten) = Select(definitions, "mt_streams", KnownStreamColumns);
    }

    public string Schema { get; }

    /// <summary>A query of one boolean: whether the schema's event table holds no event (no Marten configuration needed).</summary>
    public static string NoEventSql(string schema) => $"select not exists (select 1 from {schema}.mt_events where type <> '{TombstoneType}')";

    /// <summary>
    /// The type of the events Marten writes, after a save it refused (an optimistic-concurrency conflict, say), into its own
    /// bookkeeping stream (<c>mt_tombstone</c>) to fill the sequence numbers the failed save drew: not a dossier's event,
    /// so every read of the stored histories skips them.
    /// </summary>
    public const string TombstoneType = "tombstone";

    public string Events { get; }

    public string Streams { get; }

    public string Sequence { get; }

    public string Progression { get; }

    /// <summary>The <c>mt_events</c> columns both import paths write, in Marten's order.</summary>
    public IReadOnlyList<string> EventColumns => _eventColumns.Select(c => c.Name).ToList();

    /// <summary>The <c>mt_streams</c> columns both import paths write, in Marten's order.</summary>
    public IReadOnlyList<string> StreamColumns => _streamColumns.Select(c => c.Name).ToList();

    /// <summary>Marten's <c>mt_events</c> columns left to their default (nullable or defaulted).</summary>
    public IReadOnlyList<string> EventColumnsLeftToMarten { get; }

    /// <summary>Marten's <c>mt_streams</c> columns left to their default (nullable or defaulted).</summary>
    public IReadOnlyList<string> StreamColumnsLeftToMarten { get; }

    /// <summary>An event as it goes into <c>mt_events</c>; <see cref="Data"/> is the JSON Marten would store.</summary>
    public sealed record NewEvent(string Stream, long Version, Guid Id, string Type, string DotnetType, byte[] Data);

    /// <summary>A new event row for <paramref name="e"/>: a fresh UUID v7 id, type names from Marten's mapping.</summary>
    public NewEvent Row(string stream, long version, DossierEvent e, byte[] data)
    {
        var (type, dotnet) = Mapping(e);
        return new NewEvent(stream, version, Guid.CreateVersion7(), type, dotnet, data);
    }

    /// <summary>Marten's event type name and <c>mt_dotnet_type</c> of an event.</summary>
    public (string TypeName, string DotnetType) Mapping(DossierEvent e) => _mappings[e.GetType()];

    /// <summary>Reserves <paramref name="count"/> sequence numbers from Marten's <c>mt_events_sequence</c> (one statement).</summary>
    public async Task<long[]> ReserveSequenceAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        var sequence = new long[count];
        await using var reserve = new NpgsqlCommand($"select nextval('{Sequence}') from generate_series(1, $1)", connection) { Parameters = { new NpgsqlParameter { Value = count } } };
        await using var values = await reserve.ExecuteReaderAsync(ct).ConfigureAwait(false);
        for (var i = 0; await values.ReadAsync(ct).ConfigureAwait(false); i++)
        {
            sequence[i] = values.GetInt64(0);
        }

        return sequence;
    }

    /// <summary>Appends new streams by binary COPY; <paramref name="now"/> is the transaction's <c>now()</c>.</summary>
    public async Task CopyNewStreamsAsync(NpgsqlConnection connection, IReadOnlyList<(string Code, int Version)> streams, DateTime now, CancellationToken ct)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, $"copy {Streams} ({ColumnList(_streamColumns)}) from stdin (format binary)", ct).ConfigureAwait(false);
        var columns = (short)_streamColumns.Length;
        foreach (var stream in streams)
        {
            copy.StartRow(columns);
            foreach (var column in _streamColumns)
            {
                column.Copy(copy, stream.Code, stream.Version, now);
            }
        }

        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets the version of grown streams (one statement).</summary>
    public async Task UpdateGrownStreamsAsync(NpgsqlConnection connection, IReadOnlyList<(string Code, int Version)> streams, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand(
            $"update {Streams} s set version = g.version, timestamp = now() from unnest($1::varchar[], $2::bigint[]) g(id, version) where s.id = g.id", connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = streams.Select(s => s.Code).ToArray() },
                new NpgsqlParameter { Value = streams.Select(s => (long)s.Version).ToArray() },
            },
        };
        await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Appends events by binary COPY with the sequence numbers reserved for them (<see cref="ReserveSequenceAsync"/>).</summary>
    public async Task CopyEventsAsync(NpgsqlConnection connection, IReadOnlyList<NewEvent> events, long[] sequence, DateTime now, CancellationToken ct)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, $"copy {Events} ({ColumnList(_eventColumns)}) from stdin (format binary)", ct).ConfigureAwait(false);
        var columns = (short)_eventColumns.Length;
        for (var i = 0; i < events.Count; i++)
        {
            copy.StartRow(columns);
            foreach (var column in _eventColumns)
            {
                column.Copy(copy, events[i], sequence[i], now);
            }
        }

        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends staged events and creates or grows their streams, two statements. <paramref name="staged"/> is a relation
    /// with the columns <c>stream_id, version, id, type, dotnet_type, data</c> (a <see cref="NewEvent"/> each), in append order.
    /// </summary>
    public async Task AppendStagedAsync(NpgsqlConnection connection, string staged, CancellationToken ct)
    {
        await ExecuteAsync(connection, $"""
            insert into {Streams} ({ColumnList(_streamColumns)})
            select {string.Join(", ", _streamColumns.Select(c => c.FromStaged))} from {staged} o group by o.stream_id
            on conflict (id) do update set version = excluded.version, timestamp = excluded.timestamp
            """, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            insert into {Events} ({ColumnList(_eventColumns)})
            select {string.Join(", ", _eventColumns.Select(c => c.FromStaged(Sequence)))} from {staged} o
            """, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Advances Marten's high-water mark (<c>mt_event_progression</c>, row <c>HighWaterMark</c>) as Marten's bulk append
    /// does after a load, but only over sequence numbers with no gap below them: a number another transaction reserved
    /// and has not committed yet stays above the mark, for the async daemon's own gap detection to wait for. One statement.
    /// </summary>
    /// <remarks>
    /// When the numbers above the mark have no gap (their count is their span, the usual case), the mark is their maximum,
    /// found without sorting them; otherwise the sequence numbers above the mark are numbered in order to find the first gap.
    /// </remarks>
    public Task AdvanceHighWaterMarkAsync(NpgsqlConnection connection, CancellationToken ct) => ExecuteAsync(connection, $"""
        with mark as (select coalesce((select last_seq_id from {Progression} where name = '{ShardState.HighWaterMark}'), 0) as seq),
        above as (select count(*) as n, max(e.seq_id) as top from mark, {Events} e where e.seq_id > mark.seq),
        advanced as (
            select case when above.top - mark.seq = above.n then above.top else (
                select max(e.seq_id)
                from (select seq_id, seq_id - row_number() over (order by seq_id) as below from {Events} where seq_id > mark.seq) e
                where e.below = mark.seq) end as seq
            from mark, above)
        insert into {Progression} (name, last_seq_id)
        select '{ShardState.HighWaterMark}', seq from advanced where seq is not null
        on conflict (name) do update set last_seq_id = greatest({Progression}.last_seq_id, excluded.last_seq_id)
        """, ct);

    /// <summary>The stored (not archived) events of some streams: stream, type, JSON, in stream and version order.</summary>
    public async Task ReadStoredAsync(NpgsqlConnection connection, IReadOnlyCollection<string> streams, Action<string, DossierEvent> stored, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select stream_id, type, data from {Events} where stream_id = any($1) and not is_archived order by stream_id, version", connection)
        {
            CommandTimeout = 0,
            Parameters = { new NpgsqlParameter { Value = streams.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar } },
        };
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            stored(rows.GetString(0), EventJson.Deserialize(rows.GetString(1), rows.GetFieldValue<byte[]>(2)));
        }
    }

    /// <summary>A query of the stored events of the streams in <paramref name="streams"/> (a query of stream ids): <c>dossier, ord (version), type, data</c>.</summary>
    public string StoredEventsOf(string streams) =>
        $"select e.stream_id as dossier, e.version::bigint as ord, e.type::text as type, e.data from {Events} e where e.stream_id in ({streams}) and not e.is_archived";

    /// <summary>
    /// Every stream's events in append order, stream by stream (binary COPY): in code order (ordinal) when
    /// <paramref name="codeOrder"/>, otherwise in the order of Marten's <c>(stream_id, version)</c> index, which needs
    /// no sort (a sort of every event costs more than the read).
    /// </summary>
    public async IAsyncEnumerable<(DossierCode Code, IReadOnlyList<DossierEvent> Events)> ReadHistoriesAsync(NpgsqlDataSource dataSource, bool codeOrder, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await foreach (var (code, events, _) in ReadHistoriesAsync(connection, null, null, ct, codeOrder).ConfigureAwait(false))
        {
            yield return (code, events);
        }
    }

    /// <summary>
    /// Every stream's events in append order with the stream's version (its last event's), stream by stream, by binary
    /// COPY on <paramref name="connection"/> (in its transaction's snapshot, when it has one); only the streams a query of
    /// stream ids selects, when <paramref name="streams"/> is given; <paramref name="events"/> counts the events read as
    /// they come (called from the reading thread). Streams come in the order of Marten's <c>(stream_id, version)</c>
    /// index, or in code order (ordinal) when <paramref name="codeOrder"/>.
    /// <para>
    /// A background thread reads the COPY (synchronously: the per-column asynchronous reads cost more than the
    /// deserialisation) and deserialises the events, and hands them over in batches of dossiers through a bounded
    /// channel, so the caller folds and writes on its own thread while the next batches are read. Memory holds at most
    /// <see cref="BatchesInFlight"/> + 2 batches. The connection is the reader's until the enumeration ends.
    /// </para>
    /// </summary>
    public IAsyncEnumerable<(DossierCode Code, IReadOnlyList<DossierEvent> Events, long Version)> ReadHistoriesAsync(
        NpgsqlConnection connection, string? streams, Action<long>? events, CancellationToken ct, bool codeOrder = false) =>
        ReadHistoriesAsync(connection, streams, events, static h => h, ct, codeOrder);

    /// <summary>
    /// <see cref="ReadHistoriesAsync(NpgsqlConnection, string?, Action{long}?, CancellationToken, bool)"/>, each history
    /// mapped by <paramref name="map"/> on the reading thread (a history mapped to null is left out): a replay folds
    /// there, so that reading, deserialising and folding run beside what the caller does with the results.
    /// </summary>
    public async IAsyncEnumerable<T> ReadHistoriesAsync<T>(
        NpgsqlConnection connection, string? streams, Action<long>? events, Func<(DossierCode Code, IReadOnlyList<DossierEvent> Events, long Version), T?> map, [EnumeratorCancellation] CancellationToken ct, bool codeOrder = false)
        where T : notnull
    {
        var only = streams is null ? string.Empty : $" and stream_id in ({streams})";
        var order = codeOrder ? "stream_id collate \"C\", version" : "stream_id, version";
        var sql = $"copy (select stream_id, version::bigint, type, data from {Events} where not is_archived and type <> '{TombstoneType}'{only} order by {order}) to stdout (format binary)";
        var channel = Channel.CreateBounded<List<T>>(
            new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(() => ReadInBatches(connection, sql, channel.Writer, events, map, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    foreach (var history in batch)
                    {
                        yield return history;
                    }
                }
            }

            // The channel is closed: the reader finished, or failed (its exception is thrown here).
            await reader.ConfigureAwait(false);
        }
        finally
        {
            // The caller stopped early, failed or was cancelled: stop the reader and let it end its COPY before the
            // connection is used again or returned.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || stop.IsCancellationRequested)
            {
                // stopped on purpose; a real failure was thrown above
            }
        }
    }

    /// <summary>
    /// The number of streams and the sum of their versions, as <paramref name="connection"/> sees them (in its
    /// transaction's snapshot, when it has one): one scan of <c>mt_streams</c>. An append raises a stream's version or
    /// adds a stream, so two equal digests mean that no append was committed between the two snapshots — unless streams
    /// were also removed meanwhile (<see cref="DossierLedger.ResetAsync"/>, or Marten's own stream deletion, which
    /// ParLedger does not use), which the rebuild's per-stream comparison does not see either.
    /// </summary>
    public async Task<string> StreamsDigestAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await ScalarAsync<string>(connection, $"select count(*) || '/' || coalesce(sum(version), 0) from {Streams}", ct).ConfigureAwait(false);

    /// <summary>How many batches of dossiers the reading thread may hold ready for the caller.</summary>
    private const int BatchesInFlight = 4;

    /// <summary>How many dossiers a batch holds.</summary>
    private const int BatchSize = 512;

    private static async Task ReadInBatches<T>(NpgsqlConnection connection, string sql, ChannelWriter<List<T>> output, Action<long>? events, Func<(DossierCode, IReadOnlyList<DossierEvent>, long), T?> map, CancellationToken ct)
        where T : notnull
    {
        try
        {
            using var exporter = connection.BeginBinaryExport(sql);
            var batch = new List<T>(BatchSize);
            string? current = null;
            long version = 0, read = 0;
            var history = new List<DossierEvent>();
            while (exporter.StartRow() != -1)
            {
                var stream = exporter.Read<string>(NpgsqlDbType.Text);
                var next = exporter.Read<long>(NpgsqlDbType.Bigint);
                var type = exporter.Read<string>(NpgsqlDbType.Text);
                var data = exporter.Read<byte[]>(NpgsqlDbType.Jsonb);
                if (current is not null && !string.Equals(stream, current, StringComparison.Ordinal))
                {
                    if (map((new DossierCode(current), history, version)) is { } mapped)
                    {
                        batch.Add(mapped);
                    }

                    history = [];
                    if (batch.Count >= BatchSize)
                    {
                        await output.WriteAsync(batch, ct).ConfigureAwait(false);
                        batch = new(BatchSize);
                    }
                }

                current = stream;
                version = next;
                history.Add(EventJson.Deserialize(type, data));
                events?.Invoke(++read);
            }

            if (current is not null && map((new DossierCode(current), history, version)) is { } last)
            {
                batch.Add(last);
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync(batch, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    /// <summary>
    /// When the store holds no stream and this role owns Marten's event tables: locks them exclusively, drops the event
    /// table's foreign keys, unique constraints and indexes, and returns the statements that re-create them, for
    /// <see cref="RestoreKeysAsync"/> before the commit. Otherwise null. Built once over the loaded rows, an index costs
    /// a sort (on parallel workers where the server allows them) instead of a descent per row, and a foreign key one
    /// set-based check instead of a lookup per row. Nothing is lost if the import fails: the drops are in its transaction.
    /// </summary>
    public async Task<List<string>?> DeferKeysIfEmptyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var candidate = $"""
            select not exists (select 1 from {Streams})
               and bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))
            from pg_class c where c.oid in ('{Events}'::regclass, '{Streams}'::regclass)
            """;
        if (!await ScalarAsync<bool>(connection, candidate, ct).ConfigureAwait(false))
        {
            return null;
        }

        await ExecuteAsync(connection, $"lock table {Streams}, {Events} in access exclusive mode", ct).ConfigureAwait(false);
        if (await ScalarAsync<bool>(connection, $"select exists (select 1 from {Streams})", ct).ConfigureAwait(false))
        {
            return null;
        }

        // Foreign keys first (dropped first, restored last), then the primary and unique keys, then plain indexes.
        var keys = await TableKeys.ReadAsync(connection, Events, ct).ConfigureAwait(false);
        foreach (var key in keys)
        {
            await ExecuteAsync(connection, key.IsConstraint ? $"alter table {Events} drop constraint {key.Name}" : $"drop index {key.Name}", ct).ConfigureAwait(false);
        }

        return [.. keys.Select(k => k.IsConstraint ? $"alter table {Events} add constraint {k.Name} {k.Definition}" : k.Definition).Reverse()];
    }

    /// <summary>Re-creates (and so validates, in one set-based pass each) what <see cref="DeferKeysIfEmptyAsync"/> dropped.</summary>
    public async Task RestoreKeysAsync(NpgsqlConnection connection, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, statement, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>mt_events</c> columns ParLedger gives a value, by name: binary COPY and SQL over a staged relation <c>o</c>.</summary>
    private static readonly Dictionary<string, EventColumn> KnownEventColumns = new EventColumn[]
    {
        new("seq_id", (c, _, seq, _) => c.Write(seq), sequence => $"nextval('{sequence}')"),
        new("id", (c, e, _, _) => c.Write(e.Id), _ => "o.id"),
        new("stream_id", (c, e, _, _) => c.WriteText(e.Stream), _ => "o.stream_id"),
        new("version", (c, e, _, _) => c.Write(e.Version), _ => "o.version"),
        new("data", (c, e, _, _) => c.WriteJsonb(e.Data), _ => "o.data"),
        new("type", (c, e, _, _) => c.WriteText(e.Type), _ => "o.type"),
        new("timestamp", (c, _, _, now) => c.Write(now), _ => "now()"),
        new("tenant_id", (c, _, _, _) => c.WriteText(TenantId), _ => $"'{TenantId}'"),
        new("mt_dotnet_type", (c, e, _, _) => c.WriteText(e.DotnetType), _ => "o.dotnet_type"),
        new("is_archived", (c, _, _, _) => c.Write(false), _ => "false"),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The <c>mt_streams</c> columns ParLedger gives a value, by name: binary COPY and SQL over staged events <c>o</c> grouped by stream.</summary>
    private static readonly Dictionary<string, StreamColumn> KnownStreamColumns = new StreamColumn[]
    {
        new("id", (c, code, _, _) => c.WriteText(code), "o.stream_id"),
        new("type", (c, _, _, _) => c.WriteNull(), "null"),
        new("version", (c, _, version, _) => c.Write((long)version), "max(o.version)"),
        new("timestamp", (c, _, _, now) => c.Write(now), "now()"),
        new("created", (c, _, _, now) => c.Write(now), "now()"),
        new("tenant_id", (c, _, _, _) => c.WriteText(TenantId), $"'{TenantId}'"),
        new("is_archived", (c, _, _, _) => c.Write(false), "false"),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Marten's columns of one table, in its order: those ParLedger writes, and those left to Marten's defaults.</summary>
    private static (T[] Written, IReadOnlyList<string> LeftToMarten) Select<T>(List<Table> definitions, string table, Dictionary<string, T> known)
    {
        var definition = definitions.SingleOrDefault(t => t.Identifier.Name == table)
            ?? throw new InvalidOperationException($"Marten's configuration defines no {table} table.");
        var written = new List<T>();
        var left = new List<string>();
        foreach (var column in definition.Columns)
        {
            if (known.TryGetValue(column.Name, out var value))
            {
                written.Add(value);
            }
            else if (column.AllowNulls || !string.IsNullOrEmpty(column.DefaultExpression))
            {
                left.Add(column.Name);
            }
            else
            {
                throw new NotSupportedException($"Marten's {table} table has a required column '{column.Name}' ({column.Type}, no default) that ParLedger's import does not write; this Marten version is not supported until MartenEventTables writes it.");
            }
        }

        var missing = known.Keys.Except(definition.Columns.Select(c => c.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new NotSupportedException($"Marten's {table} table has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}, which ParLedger's import writes; this Marten version is not supported until MartenEventTables follows it.");
        }

        return ([.. written], left);
    }

    private static string ColumnList<T>(IEnumerable<T> columns)
        where T : IColumn => string.Join(", ", columns.Select(c => QuoteIdentifier(c.Name)));

    private static string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private interface IColumn
    {
        string Name { get; }
    }

    private sealed record EventColumn(string Name, Action<BinaryCopyWriter, NewEvent, long, DateTime> Copy, Func<string, string> FromStaged) : IColumn;

    private sealed record StreamColumn(string Name, Action<BinaryCopyWriter, string, int, DateTime> Copy, string FromStaged) : IColumn;
}
