using System.Collections.Immutable;
using NodaTime;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Verdicts;

/// <summary>
/// Every dossier's verdicts (<see cref="DossierVerdicts"/>) summed by breakdown key, cell and day, in memory: any
/// window's report (<i>Biểu số 06</i>) is then a handful of prefix sums per key, whatever the number of dossiers
/// (a binary search per key and cell). Built once from the folded facts (as known at an instant, when they were folded
/// so); immutable and safe to share between threads.
/// </summary>
public sealed class VerdictIndex
{
    private static readonly int CellCount = Enum.GetValues<VerdictCell>().Length;

    /// <summary>Per breakdown (index 0: totals, then <see cref="Breakdown"/> + 1), per key: the cumulative sums.</summary>
    private readonly ImmutableArray<ImmutableSortedDictionary<string, KeySums>> _groups;

    private VerdictIndex(ImmutableArray<ImmutableSortedDictionary<string, KeySums>> groups) => _groups = groups;

    /// <summary>Sums the verdicts of the given dossiers for the totals and every breakdown.</summary>
    /// <param name="dossiers">The dossiers' facts.</param>
    /// <returns>The index.</returns>
    public static VerdictIndex Build(IEnumerable<DossierFacts> dossiers)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var breakdowns = Enum.GetValues<Breakdown>();
        var groups = new Dictionary<string, KeyBuilder>[breakdowns.Length + 1];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = new Dictionary<string, KeyBuilder>(StringComparer.Ordinal);
        }

        foreach (var facts in dossiers)
        {
            var deltas = DossierVerdicts.Of(facts);
            Add(groups[0], string.Empty, deltas);
            for (var b = 0; b < breakdowns.Length; b++)
            {
                Add(groups[b + 1], PeriodStatistics.KeyOf(facts, breakdowns[b]), deltas);
            }
        }

        return new VerdictIndex([.. groups.Select(g => g.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Build(), StringComparer.Ordinal))]);
    }

    /// <summary>The report of a window (SPEC §4, §7) by prefix sums over the index.</summary>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="by">The breakdown, if any.</param>
    /// <param name="asOf">The knowledge instant the facts were folded at, if any (it labels the report).</param>
    /// <returns>The report.</returns>
    public StatisticsReport Report(ReportingWindow window, ReportPolicy policy, Breakdown? by = null, Instant? asOf = null)
    {
        var before = DossierVerdicts.Day(window.From) - 1;
        var last = DossierVerdicts.Day(window.To);
        var total = _groups[0].TryGetValue(string.Empty, out var all) ? all.Cells(before, last, policy) : default;
        var rows = by is { } b
            ? _groups[(int)b + 1].Select(kv => new ReportRow(b, kv.Key, kv.Value.Cells(before, last, policy)))
            : [];
        return PeriodStatistics.Assemble(window, asOf, policy, total, rows);
    }

    /// <summary>The service-index rates of a window (SPEC §5) by prefix sums over the index and its late changes.</summary>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="maxima">Points per indicator, where configured.</param>
    /// <param name="thresholds">Thresholds per indicator; default <see cref="ServiceIndex.DefaultThresholds"/>.</param>
    /// <returns>The rates in SPEC §5 order.</returns>
    public IReadOnlyList<IndicatorRate> Rates(ReportingWindow window, ReportPolicy policy, IReadOnlyDictionary<ServiceIndicator, double>? maxima = null, IReadOnlyDictionary<ServiceIndicator, double>? thresholds = null)
    {
        var before = DossierVerdicts.Day(window.From) - 1;
        var last = DossierVerdicts.Day(window.To);
        return _groups[0].TryGetValue(string.Empty, out var all)
            ? ServiceIndex.FromSums(all.SumsAt(before), all.SumsAt(last), all.Late(before, last), policy, maxima, thresholds)
            : ServiceIndex.FromSums(default, default, default, policy, maxima, thresholds);
    }

    private static void Add(Dictionary<string, KeyBuilder> group, string key, ImmutableArray<VerdictDelta> deltas)
    {
        if (!group.TryGetValue(key, out var builder))
        {
            group[key] = builder = new KeyBuilder();
        }

        builder.Add(deltas);
    }

    /// <summary>One key's verdicts while the index is built: per cell, the sum of the changes of each day; the late changes.</summary>
    private sealed class KeyBuilder
    {
        private readonly Dictionary<int, long>?[] _cells = new Dictionary<int, long>?[CellCount];
        private readonly Dictionary<(int Day, int Point, int Cell), long> _late = [];

        public void Add(ImmutableArray<VerdictDelta> deltas)
        {
            foreach (var delta in deltas)
            {
                var day = DossierVerdicts.Day(delta.Day);
                if (delta.PointDay is { } point)
                {
                    var late = (day, DossierVerdicts.Day(point), (int)delta.Cell);
                    _late[late] = _late.GetValueOrDefault(late) + delta.Change;
                    continue;
                }

                var byDay = _cells[(int)delta.Cell] ??= [];
                byDay[day] = byDay.GetValueOrDefault(day) + delta.Change;
            }
        }

        public KeySums Build() => KeySums.From(_cells, [.. _late.OrderBy(kv => kv.Key.Day).Select(kv => (kv.Key.Day, kv.Key.Point, kv.Key.Cell, kv.Value))]);
    }

    /// <summary>One key's verdicts: per cell, the days with a change and the running sum up to each; the late changes by day.</summary>
    private sealed class KeySums
    {
        private readonly int[][] _days;
        private readonly long[][] _sums;
        private readonly (int Day, int Point, int Cell, long Change)[] _late;
        private readonly int[] _lateDays;

        private KeySums(int[][] days, long[][] sums, (int Day, int Point, int Cell, long Change)[] late) =>
            (_days, _sums, _late, _lateDays) = (days, sums, late, [.. late.Select(l => l.Day)]);

        public static KeySums From(Dictionary<int, long>?[] cells, (int Day, int Point, int Cell, long Change)[] late)
        {
            var days = new int[cells.Length][];
            var sums = new long[cells.Length][];
            for (var c = 0; c < cells.Length; c++)
            {
                var ordered = (cells[c] ?? []).OrderBy(kv => kv.Key).ToArray();
                days[c] = [.. ordered.Select(kv => kv.Key)];
                sums[c] = new long[ordered.Length];
                long running = 0;
                for (var i = 0; i < ordered.Length; i++)
                {
                    sums[c][i] = running += ordered[i].Value;
                }
            }

            return new KeySums(days, sums, late);
        }

        /// <summary>The window's cells from the sums at the day before it and at its last day.</summary>
        public StatisticsCells Cells(int before, int last, ReportPolicy policy) => VerdictSums.Cells(SumsAt(before), SumsAt(last), policy);

        public VerdictSums SumsAt(int day)
        {
            Span<long> counts = stackalloc long[VerdictSums.CellCount];
            for (var c = 0; c < counts.Length; c++)
            {
                counts[c] = At((VerdictCell)c, day);
            }

            return new VerdictSums(counts);
        }

        /// <summary>The late changes dated in <c>(before, last]</c> whose point is after <paramref name="before"/>, per cell.</summary>
        public VerdictSums Late(int before, int last)
        {
            Span<long> counts = stackalloc long[VerdictSums.CellCount];
            // Any change dated before + 1 or later may count; one dated exactly before + 1 never does (its point would be
            // after before and before its day), so where a binary search lands among equal days does not matter.
            var i = Array.BinarySearch(_lateDays, before + 1);
            for (i = i >= 0 ? i : ~i; i < _late.Length && _late[i].Day <= last; i++)
            {
                if (_late[i].Point > before)
                {
                    counts[_late[i].Cell] += _late[i].Change;
                }
            }

            return new VerdictSums(counts);
        }

        /// <summary>The sum of a cell's changes dated on or before day <paramref name="day"/>.</summary>
        private long At(VerdictCell cell, int day)
        {
            var days = _days[(int)cell];
            var i = Array.BinarySearch(days, day);
            i = i >= 0 ? i : ~i - 1;
            return i < 0 ? 0 : _sums[(int)cell][i];
        }
    }
}
