using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ParLedger.Interchange;
using ParLedger.Marten;

namespace ParLedger.Benchmarks;

/// <summary>
/// <c>ImportAsync</c> of the history file (JSON Lines: parse, check every dossier, append into Marten's tables, project
/// facts, verdicts and sums; one transaction) into an emptied store.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ImportBenchmarks
{
    private DossierLedger? _ledger;

    /// <summary>Copies of the Đồng Tháp history in the file.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Copies { get; set; }

    public static IEnumerable<int> Sizes => BenchStores.Sizes;

    [GlobalSetup]
    public async Task Setup() => _ledger = await DossierLedger.OpenAsync(BenchStores.Options(BenchStores.ImportSchema(Copies)));

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_ledger is not null)
        {
            await _ledger.ResetAsync();
            await _ledger.DisposeAsync();
        }
    }

    [IterationSetup]
    public void EmptyTheStore() => _ledger!.ResetAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "ParLedger: import the JSONL file into an empty store")]
    public async Task<long> ImportFile() => (await _ledger!.ImportAsync(JsonlHistoryReader.ReadFile(BenchStores.HistoryFile(Copies)))).EventsAdded;
}
