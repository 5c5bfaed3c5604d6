using Npgsql;
using ParLedger.Codes;
using ParLedger.Interchange;
using ParLedger.Marten;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// What the suite prepares once and every benchmark process reads: the PostgreSQL server (its connection string in
/// <c>PARLEDGER_BENCH_CONNECTION</c>), the history files (×1 and ×5 copies of the synthetic Đồng Tháp history) and the
/// stores that hold them, one schema per size and use.
/// </summary>
internal static class BenchStores
{
    public const string ConnectionVariable = "PARLEDGER_BENCH_CONNECTION";
    public const string DirectoryVariable = "PARLEDGER_BENCH_DIR";
    public const string SizesVariable = "PARLEDGER_BENCH_SIZES";
    public const string DaemonSizesVariable = "PARLEDGER_BENCH_DAEMON_SIZES";

    public static string Connection => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } c
        ? c
        : throw new InvalidOperationException($"Set {ConnectionVariable} to a PostgreSQL connection string, or run the suite (`-- suite`), which starts its own server.");

    public static string Directory => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "parledger-bench");

    /// <summary>The history sizes measured (copies of the Đồng Tháp history): <c>PARLEDGER_BENCH_SIZES</c>, "1,5" by default.</summary>
    public static IEnumerable<int> Sizes => ParseSizes(SizesVariable, "1,5");

    /// <summary>The sizes Marten's daemon rebuilds (slow): <c>PARLEDGER_BENCH_DAEMON_SIZES</c>, "1" by default, "none" for none.</summary>
    public static IEnumerable<int> DaemonSizes => ParseSizes(DaemonSizesVariable, "1");

    public static string HistoryFile(int copies) => Path.Combine(Directory, $"dongthap-x{copies}.jsonl");

    /// <summary>The store every read benchmark and the rebuild use (inline projection).</summary>
    public static string StoreSchema(int copies) => $"bench_x{copies}";

    /// <summary>The store Marten's async daemon rebuilds (async projection lifecycle, same history).</summary>
    public static string DaemonSchema(int copies) => $"bench_daemon_x{copies}";

    /// <summary>The store the import benchmark empties and fills.</summary>
    public static string ImportSchema(int copies) => $"bench_import_x{copies}";

    /// <summary>The history's lines, copy after copy; copy k &gt; 0 has its dossier codes suffixed with <c>-k</c>.</summary>
    public static IEnumerable<HistoryLine> Copies(IReadOnlyList<HistoryLine> lines, int copies)
    {
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var line in lines)
            {
                yield return copy == 0 ? line : line with { Dossier = new DossierCode($"{line.Dossier.Value}-{copy}") };
            }
        }
    }

    /// <summary>Writes the ×<paramref name="copies"/> history file unless it is there; returns its number of events.</summary>
    public static long EnsureHistoryFile(int copies, Func<IReadOnlyList<HistoryLine>> generate)
    {
        var file = HistoryFile(copies);
        if (!File.Exists(file))
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temp = file + ".tmp";
            using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false), 1 << 20))
            {
                JsonlHistoryWriter.Write(writer, Copies(generate(), copies).Select(l => (l.Dossier, l.Event)));
            }

            File.Move(temp, file, overwrite: true);
        }

        return File.ReadLines(file).LongCount();
    }

    /// <summary>The number of events a schema's event table holds (0 when it has none).</summary>
    public static async Task<long> StoredEventsAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var exists = dataSource.CreateCommand($"select to_regclass('{schema}.mt_events') is not null");
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand($"select count(*) from {schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Vacuums and analyses a schema's tables, so that no autovacuum of a fresh load runs during a measurement.</summary>
    public static Task VacuumAsync(string schema) => VacuumAsync(schema, "freeze, analyze", "%");

    /// <summary>
    /// Vacuums and analyses the projected tables (<c>pl_…</c>) of a store: what autovacuum does within a minute of a
    /// rebuild's switch (new tables). Done between measured operations, so that this work of one rebuild is not measured
    /// in the next operation (it took one ×5 as-of replay from 13 s to 27 s).
    /// </summary>
    public static Task SettleProjectionsAsync(string schema) => VacuumAsync(schema, "analyze", "pl\\_%");

    /// <summary>Runs <c>vacuum (<paramref name="options"/>)</c> over the tables of <paramref name="schema"/> whose names are <c>like</c> <paramref name="names"/>.</summary>
    private static async Task VacuumAsync(string schema, string options, string names)
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var tables = dataSource.CreateCommand($"select string_agg(format('%I.%I', schemaname, tablename), ', ') from pg_tables where schemaname = '{schema}' and tablename like '{names}'");
        if (await tables.ExecuteScalarAsync() is string list)
        {
            await using var vacuum = dataSource.CreateCommand($"vacuum ({options}) {list}");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A checkpoint: the server writes the pages dirtied so far now rather than during the next measurement.</summary>
    public static async Task CheckpointAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var checkpoint = dataSource.CreateCommand("checkpoint");
        checkpoint.CommandTimeout = 0;
        await checkpoint.ExecuteNonQueryAsync();
    }

    public static LedgerOptions Options(string schema, JasperFx.Events.Projections.ProjectionLifecycle lifecycle = JasperFx.Events.Projections.ProjectionLifecycle.Inline) =>
        new(Connection, schema, lifecycle);

    private static IEnumerable<int> ParseSizes(string variable, string fallback) =>
        (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : fallback)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s != "none")
            .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
}
