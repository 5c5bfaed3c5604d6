using System.Text.RegularExpressions;
using Npgsql;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// Rebuilds the projected tables from the event log (issue 12) into new tables, then switches readers to them at once.
/// <list type="number">
/// <item>One transaction on one connection does everything, so a failure, a cancellation or a killed process leaves
/// nothing behind and the old tables serving: it creates <c>…_rebuild</c> tables shaped like the live ones (with a
/// <c>stream_version</c> column on the facts), whose keys and indexes are built once the rows are loaded.</item>
/// <item>A second connection reads the log once, stream by stream, in one repeatable-read snapshot (binary COPY). Each
/// dossier is folded with the domain's code and its facts row streamed into the new facts table by binary COPY; its
/// late changes are kept (few), its verdicts summed by key and day (bounded by keys × days, not by dossiers). Memory
/// holds one dossier's history at a time plus those buffers.</item>
/// <item>The switch locks the live tables against writes (readers go on reading them). Clerks' appends wait, since their
/// projection writes the same tables in the append's transaction. The dossiers whose stream version differs from the
/// one read in the snapshot (appended to meanwhile) are folded again and written into the new tables. The old tables are
/// dropped, the new ones take their names and their indexes' names, and the commit makes them visible at once. An
/// append that was waiting then writes into the new tables, because PostgreSQL resolves the table name again after the
/// lock.</item>
/// </list>
/// </summary>
internal sealed class Rebuild(NpgsqlDataSource dataSource, FactsTables live, MartenEventTables events)
{
    private const string Suffix = "_rebuild";

    /// <summary>
    /// The index's and the table's names in a <c>pg_get_indexdef</c> (the same in .NET's and PostgreSQL's regular
    /// expressions; group 1 keeps <c>UNIQUE</c>): what an index definition is matched or re-targeted without.
    /// </summary>
    private const string IndexAndTableNames = @"^CREATE (UNIQUE )?INDEX \S+ ON \S+ ";

    public async Task<RebuildResult> RunAsync(IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        var target = new FactsTables(live.Schema, Suffix);
        await using var writer = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await writer.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Two rebuilds of one schema queue up rather than collide.
        await ExecuteAsync(writer, $"select pg_advisory_xact_lock({SchemaLock.KeyOf(live.Schema + "/rebuild")})", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"create table {target.Facts} (like {live.Facts} including all excluding indexes)", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"alter table {target.Facts} add column stream_version bigint", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"create table {target.Late} (like {live.Late} including all excluding indexes)", ct).ConfigureAwait(false);
        await ExecuteAsync(writer, $"create table {target.Sums.Name} (like {live.Sums.Name} including all excluding indexes)", ct).ConfigureAwait(false);

        long read = 0, dossiers = 0;
        string digest;
        var late = new List<StoredFacts>();
        var sums = new VerdictSumsBuilder();
        await using (var reader = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
        {
            await using var snapshot = await reader.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            digest = await events.StreamsDigestAsync(reader, ct).ConfigureAwait(false);
            await using var copy = await BinaryCopyWriter.BeginAsync(writer, FactsTables.CopyFactsInto(target.Facts, "stream_version"), ct).ConfigureAwait(false);
            // Each dossier is folded, and its verdicts computed, on the reading thread; this one writes and sums.
            await foreach (var (stored, version) in events.ReadHistoriesAsync(reader, null, n => read = n, Fold, ct).ConfigureAwait(false))
            {
                FactsTables.WriteFactsRow(copy, stored, more: 1);
                copy.Write(version);
                sums.Add(stored);
                if (stored.Late.Length > 0)
                {
                    late.Add(stored);
                }

                if (++dossiers % 50_000 == 0)
                {
                    progress?.Report(new RebuildProgress("reading", read, dossiers));
                }
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
            await snapshot.CommitAsync(ct).ConfigureAwait(false);
        }

        progress?.Report(new RebuildProgress("summing", read, dossiers));
        await FactsTables.CopyLateAsync(writer, target.Late, late, ct).ConfigureAwait(false);

        var lateChanges = late.Sum(f => (long)f.Late.Length);
        late.Clear();
        await sums.CopyIntoEmptyAsync(writer, target.Sums, ct).ConfigureAwait(false);

        // The new tables were loaded without indexes: each of the live tables' keys and indexes is built once over the
        // loaded rows (a sort) rather than kept row by row, before the catch-up upserts on the keys.
        foreach (var (old, rebuilt) in new[] { (live.Facts, target.Facts), (live.Late, target.Late), (live.Sums.Name, target.Sums.Name) })
        {
            await IndexLikeAsync(writer, old, rebuilt, ct).ConfigureAwait(false);
        }

        // The switch: clerks' projection writes wait from here to the commit; readers go on reading the old tables.
        progress?.Report(new RebuildProgress("catching up", read, dossiers));
        // In the order a clerk's projection writes them (FactsTables.UpsertSql: late changes, sums, facts), so that an
        // append already under way finishes first instead of holding one table while the rebuild holds the next: locked
        // in another order, the two deadlocked (an append holding the late changes, waiting for the facts).
        await ExecuteAsync(writer, $"lock table {live.Late}, {live.Sums.Name}, {live.Facts} in exclusive mode", ct).ConfigureAwait(false);
        // The streams appended to since the snapshot: none when the streams' digest did not change (one scan, where the
        // comparison with the rebuilt facts joins two tables of every dossier).
        var changed = await events.StreamsDigestAsync(writer, ct).ConfigureAwait(false) == digest ? 0 : await ExecuteAsync(
            writer,
            $"create temp table pl_rebuild_changed on commit drop as select s.id from {events.Streams} s left join {target.Facts} f on f.code = s.id where f.stream_version is distinct from s.version::bigint",
            ct).ConfigureAwait(false);
        var caughtUp = new List<DossierFacts>();
        var histories = changed == 0 ? AsyncEnumerable.Empty<(DossierCode, IReadOnlyList<DossierEvent>, long)>() : events.ReadHistoriesAsync(writer, "select id from pg_temp.pl_rebuild_changed", null, ct);
        await foreach (var (code, history, _) in histories.ConfigureAwait(false))
        {
            if (DossierFacts.FromHistory(code, BusinessOrder.Sort(history)) is { } facts)
            {
                caughtUp.Add(facts);
            }
        }

        foreach (var chunk in caughtUp.Chunk(10_000))
        {
            await target.UpsertAsync(writer, chunk, ct).ConfigureAwait(false);
        }

        progress?.Report(new RebuildProgress("switching", read, dossiers));
        await ExecuteAsync(writer, $"alter table {target.Facts} drop column stream_version", ct).ConfigureAwait(false);
        foreach (var (old, rebuilt) in new[] { (live.Facts, target.Facts), (live.Late, target.Late), (live.Sums.Name, target.Sums.Name) })
        {
            await SwitchAsync(writer, old, rebuilt, ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        // The planner's statistics for what reports read; the facts table (read by the sweeper's and the audits' scans)
        // is left to autovacuum, which analyses a new table of that size within a minute.
        // Reports select sums by their key's columns only: their statistics are what the planner needs (a third of the
        // time of analysing every column).
        await ExecuteAsync(writer, $"analyze {live.Late}, {live.Sums.Name} ({VerdictSumsTable.PrimaryKey})", CancellationToken.None).ConfigureAwait(false);
        return new RebuildResult(read, dossiers, caughtUp.Count, lateChanges);
    }

    private static Folded? Fold((DossierCode Code, IReadOnlyList<DossierEvent> Events, long Version) history) =>
        DossierFacts.FromHistory(history.Code, BusinessOrder.Sort(history.Events)) is { } facts ? new Folded(StoredFacts.Of(facts), history.Version) : null;

    /// <summary>A dossier folded by the reading thread, with its stream's version as read.</summary>
    private sealed record Folded(StoredFacts Stored, long Version);

    /// <summary>Drops <paramref name="old"/> and gives <paramref name="rebuilt"/> its name and its indexes' names (matched by definition).</summary>
    private static async Task SwitchAsync(NpgsqlConnection connection, string old, string rebuilt, CancellationToken ct)
    {
        var oldIndexes = await IndexesAsync(connection, old, ct).ConfigureAwait(false);
        var newIndexes = await IndexesAsync(connection, rebuilt, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, $"drop table {old}", ct).ConfigureAwait(false);
        var (schema, name) = (old[..old.IndexOf('.', StringComparison.Ordinal)], old[(old.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        await ExecuteAsync(connection, $"alter table {rebuilt} rename to {name}", ct).ConfigureAwait(false);
        foreach (var (definition, newName) in newIndexes)
        {
            if (oldIndexes.TryGetValue(definition, out var oldName) && oldName != newName)
            {
                await ExecuteAsync(connection, $"alter index {schema}.\"{newName}\" rename to \"{oldName}\"", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives <paramref name="rebuilt"/> the primary and unique keys and the other indexes of <paramref name="old"/>, built over its rows.</summary>
    private static async Task IndexLikeAsync(NpgsqlConnection connection, string old, string rebuilt, CancellationToken ct)
    {
        foreach (var key in await TableKeys.ReadAsync(connection, old, ct).ConfigureAwait(false))
        {
            var statement = key.Kind switch
            {
                'f' => null,
                'i' => Regex.Replace(key.Definition, IndexAndTableNames, $"CREATE $1INDEX ON {rebuilt} "),
                _ => $"alter table {rebuilt} add {key.Definition}",
            };
            if (statement is not null)
            {
                await ExecuteAsync(connection, statement, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A table's indexes: their definition with the index and table names left out, and their name.</summary>
    private static async Task<Dictionary<string, string>> IndexesAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select c.relname::text, regexp_replace(pg_get_indexdef(i.indexrelid), '{IndexAndTableNames}', 'CREATE \\1INDEX ON ') from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            indexes[reader.GetString(1)] = reader.GetString(0);
        }

        return indexes;
    }

    /// <summary>Runs a statement; returns the rows it affected (or selected into a new table).</summary>
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
