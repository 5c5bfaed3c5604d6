using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ParLedger.Marten;
using ParLedger.Statistics;
using ProvinceReport;

namespace ParLedger.Benchmarks;

/// <summary>
/// Peak memory of one operation: the suite starts a fresh process per operation, which runs it once and prints its
/// peak resident set (<c>VmHWM</c>, the kernel's high-water mark: runtime, code and every buffer included), so the
/// figure is what a process that only rebuilds (or only replays) needs.
/// </summary>
internal static class PeakMemory
{
    private const string Marker = "peak-memory:";

    public static async Task<int> MeasureAsync(string operation, int copies)
    {
        await using var ledger = await DossierLedger.OpenAsync(BenchStores.Options(BenchStores.StoreSchema(copies)));
        var clock = Stopwatch.StartNew();
        var events = operation switch
        {
            "rebuild" => (await ledger.RebuildAsync()).Events,
            "as-of" => (await ledger.ReportAsOfAsync(PublishedTable.DongThap2022H1.Window, ReportPolicy.Default, RebuildBenchmarks.AsOf, Breakdown.Agency)).Total.ReceivedTotal,
            _ => throw new ArgumentException($"Unknown operation '{operation}': rebuild or as-of.", nameof(operation)),
        };
        clock.Stop();
        Console.WriteLine(FormattableString.Invariant($"{Marker} {PeakResidentBytes()} {clock.Elapsed.TotalSeconds:F2} {events}"));
        return 0;
    }

    /// <summary>Runs <paramref name="operation"/> in a child process; returns its peak resident bytes and wall-clock seconds.</summary>
    public static async Task<(long Bytes, double Seconds)> InChildAsync(string operation, int copies)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var a in new[] { "peak-memory", operation, copies.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"peak-memory {operation} {copies} failed (exit {process.ExitCode}): {output}");
        var parts = line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
