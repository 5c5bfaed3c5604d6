using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ParLedger.Marten;
using ParLedger.Periods;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// One window report (2022-H1) from PostgreSQL (the verdict sums) over the store of the history ×1 and ×5: a report's
/// cost should not depend on the number of dossiers. Each iteration is one report, so the median and the 95th
/// percentile are those of single reports.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 100)]
public class ReportBenchmarks
{
    private readonly ReportingWindow _window = PublishedTable.DongThap2022H1.Window;
    private DossierLedger? _ledger;

    /// <summary>Copies of the Đồng Tháp history in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Copies { get; set; }

    public static IEnumerable<int> Sizes => BenchStores.Sizes;

    [GlobalSetup]
    public async Task Setup() => _ledger = await DossierLedger.OpenExistingAsync(BenchStores.Options(BenchStores.StoreSchema(Copies)));

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
