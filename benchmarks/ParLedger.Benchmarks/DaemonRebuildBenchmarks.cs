using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using ParLedger.Marten;

namespace ParLedger.Benchmarks;

/// <summary>
/// The second baseline: Marten's async daemon rebuilding ParLedger's facts projection (the same <c>IProjection</c> the
/// ledger runs inline) with Marten's default settings, over a store that holds the same history (async lifecycle).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class DaemonRebuildBenchmarks
{
    private DossierLedger? _ledger;
    private IProjectionDaemon? _daemon;

    /// <summary>Copies of the Đồng Tháp history in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Copies { get; set; }

    public static IEnumerable<int> Sizes => BenchStores.DaemonSizes;

    [GlobalSetup]
    public async Task Setup()
    {
        _ledger = await DossierLedger.OpenAsync(BenchStores.Options(BenchStores.DaemonSchema(Copies), ProjectionLifecycle.Async));
        _daemon = await _ledger.Store.BuildProjectionDaemonAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _daemon?.Dispose();
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
    }

    [Benchmark(Description = "Marten async daemon: rebuild the facts projection (baseline)")]
    public Task DaemonRebuild() => _daemon!.RebuildProjectionAsync(DossierLedger.FactsProjectionName, TimeSpan.FromMinutes(60), CancellationToken.None);
}
