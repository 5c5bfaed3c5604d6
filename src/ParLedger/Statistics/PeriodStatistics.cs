using System.Collections.Immutable;
using NodaTime;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Verdicts;

namespace ParLedger.Statistics;

/// <summary>
/// The statistics fold of SPEC §4: the definition of every number. Given the facts of each dossier, it places
/// each dossier in its cells for a window and sums them into a report (<see cref="Audit.CellExplainer"/> names the dossiers behind any cell).
/// </summary>
public static class PeriodStatistics
{
    private static readonly StatisticsCell[] AllCells = Enum.GetValues<StatisticsCell>();

    /// <summary>
    /// The cells one dossier is counted in for a window (SPEC §4), read from its verdicts (<see cref="DossierVerdicts"/>,
    /// the one place the window rules are written) as every other path reads them.
    /// </summary>
    /// <param name="facts">The dossier's facts.</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <returns>Its inflow cell (carried over or received by channel) and its outcome cell, each possibly none.</returns>
    public static (StatisticsCell? Inflow, StatisticsCell? Outcome) Classify(DossierFacts facts, ReportingWindow window, ReportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sums = new WindowSums(window);
        sums.Add(DossierVerdicts.Of(facts));
        var cells = VerdictSums.Cells(sums.Before, sums.Last, policy);
        StatisticsCell? inflow = null, outcome = null;
        foreach (var cell in AllCells)
        {
            var count = cells[cell];
            if (count == 0)
            {
                continue;
            }

            if (count != 1)
            {
                throw new InvalidOperationException($"Dossier {facts.Code.Value} counts {count} times in cell {cell}: its verdicts are inconsistent.");
            }

            if (cell <= StatisticsCell.ReceivedPostal)
            {
                inflow = cell;
            }
            else
            {
                outcome = cell;
            }
        }

        return (inflow, outcome);
    }

    /// <summary>The breakdown key of a dossier.</summary>
    /// <param name="facts">The dossier's facts.</param>
    /// <param name="by">The breakdown.</param>
    /// <returns>The key as given in the data: agency code, level, field (<c>""</c> when none), procedure code or channel.</returns>
    public static string KeyOf(DossierFacts facts, Breakdown by)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return by switch
        {
            Breakdown.Agency => facts.Agency.Value,
            Breakdown.Level => Text.Of(facts.Level),
            Breakdown.Field => facts.Field,
            Breakdown.Procedure => facts.Procedure.Value,
            Breakdown.Channel => Text.Of(facts.Channel),
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Unknown breakdown."),
        };
    }

    /// <summary>Computes the report for a window from the facts of every dossier (the replay path's last step).</summary>
    /// <param name="dossiers">The facts of every dossier in the store (or as known at <paramref name="asOf"/>).</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="by">The breakdown, or <see langword="null"/> for totals only.</param>
    /// <param name="asOf">The as-of instant the facts were folded at, stated in the report.</param>
    /// <returns>The report; its identity is checked on every row.</returns>
    public static StatisticsReport Compute(IEnumerable<DossierFacts> dossiers, ReportingWindow window, ReportPolicy policy, Breakdown? by = null, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var builder = new Builder(window, by);
        foreach (var facts in dossiers)
        {
            builder.Add(facts);
        }

        return builder.Build(policy, asOf);
    }

    /// <summary>
    /// <see cref="Compute"/> one dossier at a time: what a replay that streams dossiers uses, so that it holds the sums
    /// of the window's rows and never every dossier's facts.
    /// </summary>
    internal sealed class Builder(ReportingWindow window, Breakdown? by)
    {
        private readonly WindowSums _total = new(window);
        private readonly Dictionary<string, WindowSums>? _rows = by is null ? null : new(StringComparer.Ordinal);

        /// <summary>Adds a dossier's verdicts to the totals and to its row.</summary>
        public void Add(DossierFacts facts)
        {
            var verdicts = DossierVerdicts.Of(facts);
            _total.Add(verdicts);
            if (_rows is not null)
            {
                var key = KeyOf(facts, by!.Value);
                if (!_rows.TryGetValue(key, out var row))
                {
                    _rows[key] = row = new WindowSums(window);
                }

                row.Add(verdicts);
            }
        }

        /// <summary>The report of the dossiers added.</summary>
        public StatisticsReport Build(ReportPolicy policy, Instant? asOf)
        {
            var rowList = _rows is null
                ? []
                : _rows.Select(kv => new ReportRow(by!.Value, kv.Key, VerdictSums.Cells(kv.Value.Before, kv.Value.Last, policy)));
            return Assemble(window, asOf, policy, VerdictSums.Cells(_total.Before, _total.Last, policy), rowList);
        }
    }

    /// <summary>
    /// Assembles a report from computed cells, checking the identity on the totals and every row, dropping rows
    /// whose cells are all zero and ordering rows ordinally by key. Every path (replay, SQL) ends here.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="asOf">The as-of instant, if any.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="total">The totals.</param>
    /// <param name="rows">The rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="StatisticsIdentityException">A row breaks the identity (a bug).</exception>
    public static StatisticsReport Assemble(ReportingWindow window, Instant? asOf, ReportPolicy policy, StatisticsCells total, IEnumerable<ReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckIdentity(total, "total");
        var kept = rows.Where(r => r.Cells != default).OrderBy(r => r.Key, StringComparer.Ordinal).ToImmutableArray();
        foreach (var row in kept)
        {
            CheckIdentity(row.Cells, $"{Text.Of(row.By)} '{row.Key}'");
        }

        return new StatisticsReport(window, asOf, policy, total, kept);
    }

    private static void CheckIdentity(StatisticsCells cells, string row)
    {
        if (!cells.IdentityHolds)
        {
            throw new StatisticsIdentityException(
                $"Row {row} breaks the identity received_total = resolved_total + withdrawn + pending_total: {cells.ReceivedTotal} != {cells.ResolvedTotal} + {cells.Withdrawn} + {cells.PendingTotal}.");
        }
    }
}
