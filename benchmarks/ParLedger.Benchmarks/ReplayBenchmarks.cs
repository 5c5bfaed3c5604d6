using BenchmarkDotNet.Attributes;
using ParLedger.Interchange;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Verdicts;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>The replay path on the synthetic Đồng Tháp 2022-H1 history (335,445 dossiers, ~930k events).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ReplayBenchmarks
{
    private List<HistoryLine> _lines = [];
    private IReadOnlyList<DossierFacts> _facts = [];
    private VerdictIndex? _index;

    [GlobalSetup]
    public void Setup()
    {
        _lines = SyntheticHistory.Generate(PublishedTable.DongThap2022H1).ToList();
        _facts = HistoryReplay.Fold(_lines);
        _index = VerdictIndex.Build(_facts);
    }

    [Benchmark(Description = "validate + fold the history into facts")]
    public int Fold() => HistoryReplay.Fold(_lines).Count;

    [Benchmark(Description = "2022-H1 report over the facts, by agency")]
    public long Report() => PeriodStatistics.Compute(_facts, PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Agency).Total.ReceivedTotal;

    [Benchmark(Description = "sum every dossier's verdicts into the index")]
    public VerdictIndex BuildIndex() => VerdictIndex.Build(_facts);

    [Benchmark(Description = "2022-H1 report over the verdict index, totals")]
    public long IndexReportTotals() => _index!.Report(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default).Total.ReceivedTotal;

    [Benchmark(Description = "2022-H1 report over the verdict index, by agency")]
    public long IndexReportByAgency() => _index!.Report(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Agency).Total.ReceivedTotal;

    [Benchmark(Description = "2022-H1 report over the verdict index, by procedure")]
    public long IndexReportByProcedure() => _index!.Report(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Procedure).Total.ReceivedTotal;
}
