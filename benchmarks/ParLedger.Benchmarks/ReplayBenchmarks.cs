using BenchmarkDotNet.Attributes;
using ParLedger.Interchange;
using ParLedger.Replay;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>The replay path on the synthetic Đồng Tháp 2022-H1 history (335,445 dossiers, ~930k events).</summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private List<HistoryLine> _lines = [];
    private IReadOnlyList<DossierFacts> _facts = [];

    [GlobalSetup]
    public void Setup()
    {
        _lines = SyntheticHistory.Generate(PublishedTable.DongThap2022H1).ToList();
        _facts = HistoryReplay.Fold(_lines);
    }

    [Benchmark(Description = "validate + fold the history into facts")]
    public int Fold() => HistoryReplay.Fold(_lines).Count;

    [Benchmark(Description = "2022-H1 report over the facts, by agency")]
    public long Report() => PeriodStatistics.Compute(_facts, PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, Breakdown.Agency).Total.ReceivedTotal;
}
