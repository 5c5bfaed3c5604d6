using System.Diagnostics;
using ParLedger.Marten;

namespace ParLedger.Benchmarks;

/// <summary>
/// Where a rebuild's time goes: <c>RebuildAsync</c> run in the suite's process (one warm-up, then
/// <see cref="Runs"/> runs), each phase timed from the progress it reports: the main pass (read the log in stream order,
/// deserialise, fold, compute verdicts, write the facts rows and sum the verdicts, overlapped on two threads), the sums
/// and the new tables' keys, the catch-up of appends made meanwhile, the switch (and the planner's statistics).
/// </summary>
internal static class RebuildPhases
{
    /// <summary>The phases, in order, as the table names them.</summary>
    public static readonly string[] Names =
    [
        "main pass: read in stream order, deserialise, fold, verdicts, facts COPY, sums (two threads)",
        "late changes and sums COPY, keys and indexes built",
        "catch-up check (and appends made meanwhile)",
        "switch, commit, statistics",
    ];

    public const int Runs = 3;

    /// <summary>The median seconds of each phase over <see cref="Runs"/> rebuilds of the store of <paramref name="copies"/>.</summary>
    public static async Task<double[]> MeasureAsync(int copies)
    {
        await using var ledger = await DossierLedger.OpenAsync(BenchStores.Options(BenchStores.StoreSchema(copies)));
        var runs = new List<double[]>();
        for (var run = 0; run <= Runs; run++)
        {
            await BenchStores.SettleProjectionsAsync(BenchStores.StoreSchema(copies));
            var clock = Stopwatch.StartNew();
            var marks = new Marks(clock);
            await ledger.RebuildAsync(marks);
            var end = clock.Elapsed.TotalSeconds;
            var (summing, catchingUp, switching) = (marks.At("summing"), marks.At("catching up"), marks.At("switching"));
            if (run > 0)
            {
                runs.Add([summing, catchingUp - summing, switching - catchingUp, end - switching]);
            }
        }

        return [.. Enumerable.Range(0, Names.Length).Select(p => runs.Select(r => r[p]).Order().ElementAt(runs.Count / 2))];
    }

    /// <summary>The elapsed time at which each phase was first reported (synchronously, on the reporting thread).</summary>
    private sealed class Marks(Stopwatch clock) : IProgress<RebuildProgress>
    {
        private readonly Dictionary<string, double> _first = [];

        public void Report(RebuildProgress value) => _first.TryAdd(value.Phase, clock.Elapsed.TotalSeconds);

        public double At(string phase) => _first.TryGetValue(phase, out var at)
            ? at
            : throw new InvalidOperationException($"The rebuild reported no '{phase}' phase; RebuildPhases must follow Rebuild's phases.");
    }
}
