using BenchmarkDotNet.Attributes;
using ParLedger.Codes;
using ParLedger.Interchange;
using ParLedger.Marten;
using ParLedger.Periods;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// Window reports from PostgreSQL (the verdict sums) over the synthetic Đồng Tháp history at the real key cardinality
/// (175 agencies, 1,800 procedures), once (×1: 929,916 events) and as five copies with distinct dossier codes (×5:
/// 4.65 M events). A report's cost should not depend on the number of dossiers. Needs PARLEDGER_BENCH_CONNECTION.
/// </summary>
public class ReportBenchmarks
{
    private readonly ReportingWindow _window = PublishedTable.DongThap2022H1.Window;
    private DossierLedger? _ledger;

    /// <summary>How many copies of the history the store holds.</summary>
    [Params(1, 5)]
    public int Copies { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var connection = Environment.GetEnvironmentVariable("PARLEDGER_BENCH_CONNECTION")
            ?? throw new InvalidOperationException("Set PARLEDGER_BENCH_CONNECTION to a PostgreSQL connection string.");
        var lines = SyntheticHistory.Generate(PublishedTable.DongThap2022H1).ToList();
        var schema = $"parledger_bench_x{Copies}";
        _ledger = await DossierLedger.OpenAsync(new LedgerOptions(connection, schema));
        if (await StoredEventsAsync(connection, schema) == (long)lines.Count * Copies)
        {
            // The same history is already there (a previous run): the reports read it as it is.
            await AnalyzeAsync(connection, schema);
            return;
        }

        await _ledger.ResetAsync();
        for (var copy = 0; copy < Copies; copy++)
        {
            await _ledger.ImportAsync(copy == 0 ? lines : lines.Select(l => l with { Dossier = new DossierCode($"{l.Dossier.Value}-{copy}") }).ToList());
        }

        await AnalyzeAsync(connection, schema);
    }

    private static async Task<long> StoredEventsAsync(string connection, string schema)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand($"select count(*) from {schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A bulk load leaves the planner's statistics behind: the sums table is analysed, as autovacuum would soon.</summary>
    private static async Task AnalyzeAsync(string connection, string schema)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand($"vacuum analyze {schema}.pl_verdict_sums");
        await command.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
    }

    [Benchmark(Description = "2022-H1 report from PostgreSQL, totals")]
    public async Task<long> Totals() => (await _ledger!.ReportAsync(_window, ReportPolicy.Default)).Total.ReceivedTotal;

    [Benchmark(Description = "2022-H1 report from PostgreSQL, by agency")]
    public async Task<long> ByAgency() => (await _ledger!.ReportAsync(_window, ReportPolicy.Default, Breakdown.Agency)).Total.ReceivedTotal;

    [Benchmark(Description = "2022-H1 report from PostgreSQL, by procedure")]
    public async Task<long> ByProcedure() => (await _ledger!.ReportAsync(_window, ReportPolicy.Default, Breakdown.Procedure)).Total.ReceivedTotal;
}
