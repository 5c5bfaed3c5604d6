using System.Collections.Immutable;
using NodaTime;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;

namespace ParLedger.Statistics;

/// <summary>
/// The statistics fold of SPEC §4: the definition of every number. Given the facts of each dossier, it places
/// each dossier in its cells for a window, sums them into a report, and names the dossiers behind any cell.
/// </summary>
public static class PeriodStatistics
{
    /// <summary>The cells one dossier is counted in for a window (SPEC §4).</summary>
    /// <param name="facts">The dossier's facts.</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <returns>Its inflow cell (carried over or received by channel) and its outcome cell, each possibly none.</returns>
    public static (StatisticsCell? Inflow, StatisticsCell? Outcome) Classify(DossierFacts facts, ReportingWindow window, ReportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var start = window.Start;
        var end = window.End;
        var r = facts.ReceivedAt;
        var f = facts.TerminalAt;
        if (r >= end)
        {
            return (null, null);
        }

        StatisticsCell? inflow;
        if (r < start)
        {
            if (f is { } finished && finished < start)
            {
                return (null, null);
            }

            inflow = StatisticsCell.CarriedOver;
        }
        else
        {
            inflow = facts.Channel switch
            {
                ReceiptChannel.Online => StatisticsCell.ReceivedOnline,
                ReceiptChannel.Direct => StatisticsCell.ReceivedDirect,
                _ => StatisticsCell.ReceivedPostal,
            };
        }

        StatisticsCell? outcome;
        if (f is { } at && at < end)
        {
            // Here at >= start: a dossier finished before the window has no inflow either (handled above),
            // and one received in the window cannot finish before receipt.
            outcome = facts.Terminal == TerminalKind.Withdrawn
                ? policy.Withdrawn == WithdrawnPolicy.Separate ? StatisticsCell.Withdrawn : StatisticsCell.ResolvedOnTime
                : facts.TimelinessFor(policy.Precision) switch
                {
                    Timeliness.Early => StatisticsCell.ResolvedEarly,
                    Timeliness.OnTime => StatisticsCell.ResolvedOnTime,
                    _ => StatisticsCell.ResolvedLate,
                };
        }
        else
        {
            outcome = facts.IsOverdueAtEndOf(window, policy.Precision) ? StatisticsCell.PendingOverdue : StatisticsCell.PendingWithin;
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
        var total = new long[10];
        var rows = by is null ? null : new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var facts in dossiers)
        {
            var (inflow, outcome) = Classify(facts, window, policy);
            if (inflow is null && outcome is null)
            {
                continue;
            }

            Count(total, inflow, outcome);
            if (rows is not null)
            {
                var key = KeyOf(facts, by!.Value);
                if (!rows.TryGetValue(key, out var row))
                {
                    rows[key] = row = new long[10];
                }

                Count(row, inflow, outcome);
            }
        }

        var rowList = rows is null
            ? ImmutableArray<ReportRow>.Empty
            : rows.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new ReportRow(by!.Value, kv.Key, StatisticsCells.FromArray(kv.Value)))
                .ToImmutableArray();
        return Assemble(window, asOf, policy, StatisticsCells.FromArray(total), rowList);
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

    /// <summary>The codes of the dossiers counted in a cell (the <c>explain</c> of an audit), ordered ordinally.</summary>
    /// <param name="dossiers">The facts of every dossier.</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="by">A breakdown to restrict to one row, or <see langword="null"/> for the totals.</param>
    /// <param name="key">The row's key when <paramref name="by"/> is given.</param>
    /// <returns>The dossier codes.</returns>
    public static IReadOnlyList<string> Explain(IEnumerable<DossierFacts> dossiers, ReportingWindow window, ReportPolicy policy, StatisticsCell cell, Breakdown? by = null, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        return dossiers
            .Where(d => by is null || string.Equals(KeyOf(d, by.Value), key ?? string.Empty, StringComparison.Ordinal))
            .Where(d => Classify(d, window, policy) is var (i, o) && (i == cell || o == cell))
            .Select(d => d.Code.Value)
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
    }

    private static void Count(long[] counts, StatisticsCell? inflow, StatisticsCell? outcome)
    {
        if (inflow is { } i)
        {
            counts[(int)i]++;
        }

        if (outcome is { } o)
        {
            counts[(int)o]++;
        }
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
