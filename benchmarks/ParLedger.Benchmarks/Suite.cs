using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using JasperFx.Events.Projections;
using Npgsql;
using ParLedger.Interchange;
using ParLedger.Marten;
using ParLedger.Marten.Tests.Infrastructure;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// The benchmark suite in one run (issue 12): starts a throwaway PostgreSQL as the tests do (or uses
/// <c>PARLEDGER_BENCH_CONNECTION</c>), writes the Đồng Tháp history ×1 and ×5 as JSON Lines, loads one store per size
/// (and one for Marten's daemon), runs the BenchmarkDotNet classes one after the other, measures the peak memory of a
/// rebuild and an as-of replay in fresh processes, a rebuild's phases and the processor time of each operation, and writes the results table and the plots.
/// </summary>
internal static class Suite
{
    private static readonly Type[] Benchmarks =
    [
        typeof(ReadBaselineBenchmarks), typeof(RebuildBenchmarks), typeof(DaemonRebuildBenchmarks),
        typeof(ImportBenchmarks), typeof(ReportBenchmarks), typeof(ReplayBenchmarks),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine("BenchmarkDotNet.Artifacts", "suite"));
        Directory.CreateDirectory(output);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        if (Environment.GetEnvironmentVariable(BenchStores.ConnectionVariable) is not { Length: > 0 })
        {
            Log("starting a throwaway PostgreSQL server (as the tests do)");
            Environment.SetEnvironmentVariable(BenchStores.ConnectionVariable, await PostgresServer.AdminConnectionStringAsync());
        }

        Environment.SetEnvironmentVariable(BenchStores.DirectoryVariable, BenchStores.Directory);
        var sizes = BenchStores.Sizes.ToArray();
        var daemonSizes = BenchStores.DaemonSizes.ToArray();

        List<HistoryLine>? lines = null;
        var events = new Dictionary<int, long>();
        foreach (var copies in sizes.Union(daemonSizes))
        {
            Log($"history ×{copies}: {BenchStores.HistoryFile(copies)}");
            events[copies] = BenchStores.EnsureHistoryFile(copies, () => lines ??= SyntheticHistory.Generate(PublishedTable.DongThap2022H1).ToList());
        }

        lines = null;
        foreach (var copies in sizes)
        {
            await LoadAsync(BenchStores.StoreSchema(copies), copies, events[copies], ProjectionLifecycle.Inline);
        }

        foreach (var copies in daemonSizes)
        {
            await LoadAsync(BenchStores.DaemonSchema(copies), copies, events[copies], ProjectionLifecycle.Async);
        }

        var server = await ServerAsync();
        Log("running the benchmarks");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", "suite")))
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        var quick = args.Contains("--quick");
        if (quick)
        {
            // A smoke run of the whole suite: one iteration of everything, no warm-up (figures not to be published).
            config = config.AddJob(BenchmarkDotNet.Jobs.Job.Dry);
        }

        var runs = Benchmarks.Select(type => BenchmarkConverter.TypeToBenchmarks(type, config))
            .Select(run => quick ? new BenchmarkRunInfo([.. run.BenchmarksCases.Where(c => c.Job.Id == BenchmarkDotNet.Jobs.Job.Dry.Id)], run.Type, run.Config) : run)
            .Where(run => run.BenchmarksCases.Length > 0) // e.g. no daemon size asked: BenchmarkDotNet refuses an empty class
            .ToArray();
        var summaries = BenchmarkRunner.Run(runs);

        var memory = new Dictionary<(string Operation, int Copies), (long Bytes, double Seconds)>();
        foreach (var copies in sizes)
        {
            foreach (var operation in new[] { "rebuild", "as-of" })
            {
                Log($"peak memory: {operation} ×{copies} in a fresh process");
                memory[(operation, copies)] = await PeakMemory.InChildAsync(operation, copies);
            }
        }

        var phases = new Dictionary<int, double[]>();
        foreach (var copies in sizes)
        {
            Log($"rebuild phases ×{copies}: {RebuildPhases.Runs} rebuilds after a warm-up");
            phases[copies] = await RebuildPhases.MeasureAsync(copies);
        }

        var cpu = new Dictionary<int, CpuUse.Use[]>();
        if (CpuUse.Available)
        {
            foreach (var copies in sizes)
            {
                Log($"processor time ×{copies}: baseline read, rebuild, as-of replay, import, once each");
                cpu[copies] = await CpuUse.MeasureAsync(copies, warmUp: copies == sizes[0]);
            }
        }

        var results = new SuiteResults(summaries, events, memory, phases, cpu, sizes, daemonSizes, server, started, clock.Elapsed);
        var markdown = results.Markdown();
        await File.WriteAllTextAsync(Path.Combine(output, "results.md"), markdown);
        results.Plot(output);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Log($"results and plots in {output} ({clock.Elapsed.TotalMinutes:F1} min)");
        return 0;
    }

    private static async Task LoadAsync(string schema, int copies, long events, ProjectionLifecycle lifecycle)
    {
        if (await BenchStores.StoredEventsAsync(schema) == events)
        {
            Log($"store {schema}: holds the {events:N0} events already");
            return;
        }

        Log($"store {schema}: importing {events:N0} events");
        await using (var ledger = await DossierLedger.OpenAsync(BenchStores.Options(schema, lifecycle)))
        {
            await ledger.ResetAsync();
            await ledger.ImportAsync(JsonlHistoryReader.ReadFile(BenchStores.HistoryFile(copies)));
        }

        await BenchStores.VacuumAsync(schema);
    }

    /// <summary>The server's version and the settings that matter for the figures.</summary>
    private static async Task<string> ServerAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(BenchStores.Connection);
        await using var command = dataSource.CreateCommand(
            "select split_part(version(), ' on ', 1) || '; ' || (select string_agg(name || '=' || setting || coalesce(' ' || unit, ''), ', ' order by name) from pg_settings " +
            "where name in ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'fsync', 'synchronous_commit', 'full_page_writes', 'max_wal_size', 'wal_level'))");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void Log(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[suite {DateTime.Now:HH:mm:ss}] {message}"));
}
