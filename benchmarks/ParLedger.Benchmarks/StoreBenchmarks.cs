using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ParLedger.Interchange;
using ParLedger.Marten;
using ParLedger.Periods;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// The PostgreSQL paths on the synthetic Đồng Tháp 2022-H1 history (929,916 events): the streaming import into an empty
/// schema, and the SQL window query. Needs PARLEDGER_BENCH_CONNECTION (a server you can drop the schema
/// <c>parledger_bench</c> in).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class StoreBenchmarks
{
    private List<HistoryLine> _lines = [];
    private string _file = "";
    private DossierLedger? _ledger;
    private readonly ReportingWindow[] _windows = [.. Enumerable.Range(0, 20).Select(i => new ReportingWindow(new NodaTime.LocalDate(2021, 12, 1).PlusDays(i * 7), new NodaTime.LocalDate(2021, 12, 1).PlusDays((i * 7) + 180)))];

    [GlobalSetup]
    public async Task Setup()
    {
        var connection = Environment.GetEnvironmentVariable("PARLEDGER_BENCH_CONNECTION")
            ?? throw new InvalidOperationException("Set PARLEDGER_BENCH_CONNECTION to a PostgreSQL connection string.");
        _lines = SyntheticHistory.Generate(PublishedTable.DongThap2022H1).ToList();
        _file = Path.Combine(Path.GetTempPath(), "parledger-bench-dongthap.jsonl");
        await using (var writer = new StreamWriter(_file))
        {
            JsonlHistoryWriter.Write(writer, _lines.Select(l => (l.Dossier, l.Event)));
        }

        _ledger = await DossierLedger.OpenAsync(new LedgerOptions(connection, "parledger_bench"));
        await _ledger.ResetAsync();
        await _ledger.ImportAsync(_lines);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
    }

    [IterationSetup(Targets = [nameof(Import), nameof(ImportFile)])]
    public void EmptyTheStore() => _ledger!.ResetAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "import 929,916 parsed events into an empty store (validate, COPY, facts)")]
    public async Task<long> Import() => (await _ledger!.ImportAsync(_lines)).EventsAdded;

    [Benchmark(Description = "import the 157 MB JSONL file into an empty store (parse, validate, COPY, facts)")]
    public async Task<long> ImportFile() => (await _ledger!.ImportAsync(JsonlHistoryReader.ReadFile(_file))).EventsAdded;

    [Benchmark(Description = "re-import the file into the full store (all 929,916 events already stored)")]
    public async Task<long> ReimportFile() => (await _ledger!.ImportAsync(JsonlHistoryReader.ReadFile(_file))).EventsSkipped;

    [Benchmark(Description = "20 SQL window queries (6-month windows, totals)")]
    public async Task<long> WindowQueries()
    {
        long sum = 0;
        foreach (var window in _windows)
        {
            sum += (await _ledger!.ReportAsync(window, ReportPolicy.Default)).Total.ReceivedTotal;
        }

        return sum;
    }

    [Benchmark(Description = "one SQL window report (2022-H1), totals")]
    public async Task<long> ReportTotals() => (await _ledger!.ReportAsync(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default)).Total.ReceivedTotal;

    [Benchmark(Description = "one SQL window report (2022-H1), by agency")]
    public async Task<long> ReportByAgency() => (await _ledger!.ReportAsync(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Agency)).Total.ReceivedTotal;

    [Benchmark(Description = "one SQL window report (2022-H1), by procedure")]
    public async Task<long> ReportByProcedure() => (await _ledger!.ReportAsync(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Procedure)).Total.ReceivedTotal;
}
