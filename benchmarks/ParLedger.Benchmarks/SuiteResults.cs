using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;

namespace ParLedger.Benchmarks;

/// <summary>The suite's figures from BenchmarkDotNet's summaries, the memory probes, the rebuild's phases and the processor time of each operation: the Markdown table and the plots.</summary>
internal sealed class SuiteResults(
    Summary[] summaries,
    IReadOnlyDictionary<int, long> events,
    IReadOnlyDictionary<(string Operation, int Copies), (long Bytes, double Seconds)> memory,
    IReadOnlyDictionary<int, double[]> phases,
    IReadOnlyDictionary<int, CpuUse.Use[]> cpu,
    int[] sizes,
    int[] daemonSizes,
    string server,
    DateTimeOffset started,
    TimeSpan elapsed)
{
    private const double Gigabyte = 1024d * 1024 * 1024;

    /// <summary>The throughput rows: label, benchmark class, method.</summary>
    private static readonly (string Label, string Type, string Method)[] Throughputs =
    [
        ("raw COPY read + STJ deserialisation (baseline)", nameof(ReadBaselineBenchmarks), nameof(ReadBaselineBenchmarks.CopyReadDeserialize)),
        ("raw COPY read in stream order + deserialisation", nameof(ReadBaselineBenchmarks), nameof(ReadBaselineBenchmarks.CopyReadInStreamOrderDeserialize)),
        ("raw COPY read, no deserialisation", nameof(ReadBaselineBenchmarks), nameof(ReadBaselineBenchmarks.CopyRead)),
        ("raw COPY read in stream order, no deserialisation", nameof(ReadBaselineBenchmarks), nameof(ReadBaselineBenchmarks.CopyReadInStreamOrder)),
        ("Marten async daemon rebuild of the facts projection (baseline)", nameof(DaemonRebuildBenchmarks), nameof(DaemonRebuildBenchmarks.DaemonRebuild)),
        ("ParLedger import of the JSONL file (empty store)", nameof(ImportBenchmarks), nameof(ImportBenchmarks.ImportFile)),
        ("ParLedger rebuild (`RebuildAsync`)", nameof(RebuildBenchmarks), nameof(RebuildBenchmarks.Rebuild)),
        ("ParLedger as-of replay (`ReportAsOfAsync`)", nameof(RebuildBenchmarks), nameof(RebuildBenchmarks.AsOfReplay)),
    ];

    private static readonly (string Label, string Method, double TargetMs)[] Reports =
    [
        ("totals", nameof(ReportBenchmarks.Totals), 5),
        ("by agency (175 keys)", nameof(ReportBenchmarks.ByAgency), 10),
        ("by procedure (1,800 keys)", nameof(ReportBenchmarks.ByProcedure), 50),
    ];

    /// <summary>
    /// Writes a table of one row per label and one column per size (headed by its number of events); a cell the
    /// function gives as <see langword="null"/> (not measured) shows "—".
    /// </summary>
    private void SizeTable(StringBuilder md, string first, IEnumerable<string> labels, Func<int, int, string?> cell)
    {
        md.AppendLine($"| {first} | {string.Join(" | ", sizes.Select(n => Invariant($"×{n} ({events[n]:N0} events)")))} |");
        md.AppendLine($"|---|{string.Concat(sizes.Select(_ => "---:|"))}");
        var row = 0;
        foreach (var label in labels)
        {
            md.Append($"| {label} |");
            foreach (var n in sizes)
            {
                md.Append(cell(row, n) is { } text ? $" {text} |" : " — |");
            }

            md.AppendLine();
            row++;
        }
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:F0} min in all. Machine: {Machine()}."));
        md.AppendLine(Invariant($"PostgreSQL: {server}."));
        md.AppendLine();
        md.AppendLine("### Throughput (events/s: events ÷ mean time of an operation; the mean in brackets)");
        md.AppendLine();
        SizeTable(md, "operation", Throughputs.Select(t => t.Label), (row, n) =>
            Rate(Throughputs[row].Type, Throughputs[row].Method, n) is { } r ? Invariant($"{r.Rate:N0} ({r.Seconds:F2} s)") : null);

        md.AppendLine();
        md.AppendLine("### Peak memory (resident set of a fresh process doing only that operation, runtime included)");
        md.AppendLine();
        string[] probed = ["rebuild", "as-of"];
        SizeTable(md, "operation", probed, (row, n) =>
            memory.TryGetValue((probed[row], n), out var m) ? Invariant($"{m.Bytes / 1048576d:N0} MB ({m.Seconds:F1} s)") : null);

        md.AppendLine();
        md.AppendLine(Invariant($"### Where a rebuild's time goes (seconds, median of {RebuildPhases.Runs} runs in the suite's process after a warm-up)"));
        md.AppendLine();
        SizeTable(md, "phase", RebuildPhases.Names, (row, n) => phases.TryGetValue(n, out var seconds) ? Invariant($"{seconds[row]:F2}") : null);

        if (cpu.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(Invariant($"### Processor time of one operation (one run each in the suite's process; {Environment.ProcessorCount} cores)"));
            md.AppendLine();
            md.AppendLine("Wall clock; CPU-seconds of the client (the suite's process) + the server (every PostgreSQL process); the shortest wall clock that CPU time allows on this machine's cores.");
            md.AppendLine();
            SizeTable(md, "operation", CpuUse.Names, (row, n) =>
                cpu.TryGetValue(n, out var uses) ? Invariant($"{uses[row].Wall:F2} s; {uses[row].Client:F1} + {uses[row].Server:F1} CPU-s; ≥ {uses[row].Bound:F2} s") : null);
        }

        md.AppendLine();
        md.AppendLine("### One window report (2022-H1) from PostgreSQL: median / 95th percentile of single reports (100 each)");
        md.AppendLine();
        SizeTable(md, "report", Reports.Select(r => r.Label), (row, n) =>
            Stats(nameof(ReportBenchmarks), Reports[row].Method, n) is { } s ? Invariant($"{s.Median / 1e6:F2} / {s.Percentiles.P95 / 1e6:F2} ms") : null);

        md.AppendLine();
        md.AppendLine("### In memory (no database): the synthetic history ×1");
        md.AppendLine();
        md.AppendLine("| operation | mean | allocated |");
        md.AppendLine("|---|---:|---:|");
        foreach (var report in ReportsOf(nameof(ReplayBenchmarks)))
        {
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            md.AppendLine(Invariant($"| {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {Time(report.ResultStatistics!.Mean)} | {(allocated is { } a ? Bytes(a) : "—")} |"));
        }

        md.AppendLine();
        md.AppendLine("### Targets (issue 12)");
        md.AppendLine();
        md.AppendLine("| target | measured | |");
        md.AppendLine("|---|---:|---|");
        foreach (var n in sizes)
        {
            var raw = Rate(nameof(ReadBaselineBenchmarks), nameof(ReadBaselineBenchmarks.CopyReadDeserialize), n);
            var rebuild = Rate(nameof(RebuildBenchmarks), nameof(RebuildBenchmarks.Rebuild), n);
            var asOf = Rate(nameof(RebuildBenchmarks), nameof(RebuildBenchmarks.AsOfReplay), n);
            var import = Rate(nameof(ImportBenchmarks), nameof(ImportBenchmarks.ImportFile), n);
            if (daemonSizes.Contains(n) && Rate(nameof(DaemonRebuildBenchmarks), nameof(DaemonRebuildBenchmarks.DaemonRebuild), n) is { } daemon && rebuild is { } r1)
            {
                Target(md, $"×{n}: rebuild ≥ 10× Marten's daemon rebuild", r1.Rate / daemon.Rate, 10, "F1", "×");
            }

            if (raw is { } baseline)
            {
                if (rebuild is { } r2)
                {
                    Target(md, $"×{n}: rebuild ≥ 50% of the raw read rate", 100 * r2.Rate / baseline.Rate, 50, "F0", "%");
                }

                if (asOf is { } a)
                {
                    Target(md, $"×{n}: as-of replay ≥ 50% of the raw read rate", 100 * a.Rate / baseline.Rate, 50, "F0", "%");
                }
            }

            if (import is { } i)
            {
                Target(md, $"×{n}: import ≥ 100,000 events/s", i.Rate, 100_000, "N0", " events/s");
            }
        }

        var largest = sizes.Max();
        foreach (var operation in new[] { "rebuild", "as-of" })
        {
            if (memory.TryGetValue((operation, largest), out var m))
            {
                Target(md, $"×{largest}: peak memory of {operation} ≤ 1 GB", m.Bytes / Gigabyte, 1, "F2", " GB", lowerIsBetter: true);
            }
        }

        foreach (var (label, method, targetMs) in Reports)
        {
            foreach (var n in sizes)
            {
                if (Stats(nameof(ReportBenchmarks), method, n) is { } s)
                {
                    Target(md, Invariant($"×{n}: report {label}, median ≤ {targetMs} ms"), s.Median / 1e6, targetMs, "F2", " ms", lowerIsBetter: true);
                }
            }
        }

        return md.ToString();
    }

    /// <summary>Writes <c>throughput.png</c> (each path against the two baselines, both sizes) and <c>report-latency.png</c>.</summary>
    public void Plot(string folder)
    {
        var plot = new ScottPlot.Plot();
        var rows = Throughputs.Where(t => t.Method is not (nameof(ReadBaselineBenchmarks.CopyRead) or nameof(ReadBaselineBenchmarks.CopyReadInStreamOrder))).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<ScottPlot.Bar>();
        var width = 0.8 / sizes.Length;
        for (var row = 0; row < rows.Length; row++)
        {
            for (var s = 0; s < sizes.Length; s++)
            {
                if (Rate(rows[row].Type, rows[row].Method, sizes[s]) is { } r)
                {
                    bars.Add(new ScottPlot.Bar
                    {
                        Position = row + ((s - ((sizes.Length - 1) / 2.0)) * width),
                        Value = r.Rate / 1000,
                        Size = width * 0.95,
                        FillColor = palette.GetColor(s),
                        Label = Invariant($"{r.Rate / 1000:F0}k"),
                    });
                }
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;
        string[] names = ["raw read +\ndeserialise\n(baseline)", "raw read in\nstream order", "Marten daemon\nrebuild\n(baseline)", "ParLedger\nimport", "ParLedger\nrebuild", "ParLedger\nas-of replay"];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Length).Select(i => (double)i)], names);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // Headroom above the highest bar for the legend, which would cover its label.
        plot.Axes.Margins(bottom: 0, top: 0.3);
        plot.YLabel("thousand events per second");
        plot.Title("Đồng Tháp history: throughput by path (higher is better)");
        for (var s = 0; s < sizes.Length; s++)
        {
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = Invariant($"×{sizes[s]} ({events[sizes[s]] / 1e6:F2} M events)"), FillColor = palette.GetColor(s) });
        }

        plot.Legend.Alignment = ScottPlot.Alignment.UpperLeft;
        plot.ShowLegend();
        plot.SavePng(Path.Combine(folder, "throughput.png"), 1100, 550);

        var latency = new ScottPlot.Plot();
        var xs = sizes.Select(n => events[n] / 1e6).ToArray();
        for (var i = 0; i < Reports.Length; i++)
        {
            var (label, method, _) = Reports[i];
            var stats = sizes.Select(n => Stats(nameof(ReportBenchmarks), method, n)).ToArray();
            if (stats.Any(s => s is null))
            {
                continue;
            }

            var median = latency.Add.Scatter(xs, stats.Select(s => s!.Median / 1e6).ToArray(), palette.GetColor(i));
            median.LegendText = $"{label}, median";
            var p95 = latency.Add.Scatter(xs, stats.Select(s => s!.Percentiles.P95 / 1e6).ToArray(), palette.GetColor(i));
            p95.LegendText = $"{label}, 95th percentile";
            p95.LinePattern = ScottPlot.LinePattern.Dashed;
        }

        latency.Axes.SetLimitsY(0, double.NaN);
        latency.XLabel("events in the store (millions)");
        latency.YLabel("ms per report");
        latency.Title("One 2022-H1 report from PostgreSQL against history size");
        latency.Legend.Alignment = ScottPlot.Alignment.UpperLeft;
        latency.ShowLegend();
        latency.SavePng(Path.Combine(folder, "report-latency.png"), 900, 500);
    }

    private IEnumerable<BenchmarkReport> ReportsOf(string type) =>
        summaries.SelectMany(s => s.Reports).Where(r => r.BenchmarkCase.Descriptor.Type.Name == type && r.ResultStatistics is not null);

    private BenchmarkDotNet.Mathematics.Statistics? Stats(string type, string method, int copies) =>
        ReportsOf(type).FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && r.BenchmarkCase.Parameters.Items.Any(p => p.Name == "Copies" && Equals(p.Value, copies)))?.ResultStatistics;

    private (double Rate, double Seconds)? Rate(string type, string method, int copies) =>
        Stats(type, method, copies) is { } s ? (events[copies] / (s.Mean / 1e9), s.Mean / 1e9) : null;

    private static void Target(StringBuilder md, string label, double value, double target, string format, string unit, bool lowerIsBetter = false)
    {
        var met = lowerIsBetter ? value <= target : value >= target;
        md.AppendLine($"| {label} | {value.ToString(format, CultureInfo.InvariantCulture)}{unit} | {(met ? "✓ met" : "✗ missed")} |");
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Gigabyte;
        return Invariant($"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:F0} GB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => Invariant($"{nanoseconds / 1e9:F2} s"),
        >= 1e6 => Invariant($"{nanoseconds / 1e6:F1} ms"),
        >= 1e3 => Invariant($"{nanoseconds / 1e3:F1} µs"),
        _ => Invariant($"{nanoseconds:F0} ns"),
    };

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 20 => Invariant($"{bytes / 1048576d:N0} MB"),
        >= 1 << 10 => Invariant($"{bytes / 1024d:N1} KB"),
        _ => Invariant($"{bytes} B"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
