using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using ParLedger.Marten;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// The log replays of ParLedger over a full store: <c>RebuildAsync</c> (read the log once, fold every dossier, write
/// facts, verdicts and sums into new tables, switch) and the as-of replay (<c>ReportAsOfAsync</c>: read the log once,
/// fold every dossier as known at an instant, report a window), which writes nothing.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class RebuildBenchmarks
{
    internal static readonly Instant AsOf = Instant.FromUtc(2022, 6, 14, 17, 0); // 15/06/2022 00:00 +07, the day the half-year is reported
    private DossierLedger? _ledger;

    /// <summary>Copies of the Đồng Tháp history in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Copies { get; set; }

    public static IEnumerable<int> Sizes => BenchStores.Sizes;

    [GlobalSetup]
    public async Task Setup() => _ledger = await DossierLedger.OpenAsync(BenchStores.Options(BenchStores.StoreSchema(Copies)));

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
    }

    /// <summary>The rebuilt tables vacuumed and analysed, not timed: autovacuum would do it during the next operation.</summary>
    [IterationCleanup(Target = nameof(Rebuild))]
    public void SettleAfterRebuild() => BenchStores.SettleProjectionsAsync(BenchStores.StoreSchema(Copies)).GetAwaiter().GetResult();

    [Benchmark(Description = "ParLedger: rebuild facts, verdicts and sums (RebuildAsync)")]
    public async Task<long> Rebuild() => (await _ledger!.RebuildAsync()).Events;

    [Benchmark(Description = "ParLedger: as-of replay, 2022-H1 report by agency (ReportAsOfAsync)")]
    public async Task<long> AsOfReplay() =>
        (await _ledger!.ReportAsOfAsync(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, AsOf, Breakdown.Agency)).Total.ReceivedTotal;
}
