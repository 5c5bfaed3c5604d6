using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// The <c>explain</c> of an audit (<i>giải trình số liệu</i>): the dossiers behind one cell of a window's report, and
/// those that moved into or out of it between two knowledge instants. Membership is
/// <see cref="PeriodStatistics.Classify"/>'s, itself read from the dossier's verdicts, so the number of dossiers
/// explained always equals the cell.
/// </summary>
public static class CellExplainer
{
    /// <summary>The dossiers counted in a cell, ordered ordinally by code, each with the facts that put it there.</summary>
    /// <param name="dossiers">The facts of every dossier (as known at an instant, when folded so).</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="by">A breakdown to restrict to one row, or <see langword="null"/> for the totals.</param>
    /// <param name="key">The row's key when <paramref name="by"/> is given.</param>
    /// <returns>One entry per dossier in the cell.</returns>
    public static IReadOnlyList<ExplainedDossier> Explain(IEnumerable<DossierFacts> dossiers, ReportingWindow window, ReportPolicy policy, StatisticsCell cell, Breakdown? by = null, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var explained = new List<ExplainedDossier>();
        foreach (var facts in dossiers)
        {
            if (IsIn(facts, window, policy, cell, by, key) is ({ } i, { } o))
            {
                explained.Add(Describe(facts, window, i, o));
            }
        }

        return [.. explained.OrderBy(e => e.Code.Value, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The dossiers that entered or left a cell between two knowledge instants, each with the events recorded after the
    /// first and by the second (the late-recorded events that moved it), ordered ordinally by code.
    /// </summary>
    /// <param name="histories">Every dossier's history (its events in business order, with their recording instants).</param>
    /// <param name="first">The first knowledge instant (as the report was published).</param>
    /// <param name="second">The second knowledge instant (as known later).</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="by">A breakdown to restrict to one row, or <see langword="null"/> for the totals.</param>
    /// <param name="key">The row's key when <paramref name="by"/> is given.</param>
    /// <returns>The dossiers whose membership of the cell differs between the two instants.</returns>
    public static IReadOnlyList<CellChange> Compare(
        IEnumerable<(DossierCode Code, IReadOnlyList<DossierEvent> History)> histories,
        Instant first,
        Instant second,
        ReportingWindow window,
        ReportPolicy policy,
        StatisticsCell cell,
        Breakdown? by = null,
        string? key = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var changes = new List<CellChange>();
        foreach (var (code, history) in histories)
        {
            if (Change(code, history, first, second, window, policy, cell, by, key) is { } change)
            {
                changes.Add(change);
            }
        }

        return [.. changes.OrderBy(c => c.Code.Value, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether one dossier entered or left a cell between two knowledge instants, with the events recorded after the
    /// first and by the second; <see langword="null"/> when its membership did not change. One dossier at a time, so
    /// that a store's histories can be streamed.
    /// </summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="history">Its events in business order, with their recording instants.</param>
    /// <param name="first">The first knowledge instant.</param>
    /// <param name="second">The second knowledge instant.</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="by">A breakdown to restrict to one row, or <see langword="null"/> for the totals.</param>
    /// <param name="key">The row's key when <paramref name="by"/> is given.</param>
    /// <returns>The change, or <see langword="null"/>.</returns>
    public static CellChange? Change(
        DossierCode code,
        IReadOnlyList<DossierEvent> history,
        Instant first,
        Instant second,
        ReportingWindow window,
        ReportPolicy policy,
        StatisticsCell cell,
        Breakdown? by = null,
        string? key = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var before = In(DossierFacts.FromHistory(code, history, first));
        var after = In(DossierFacts.FromHistory(code, history, second));
        return before == after ? null : new CellChange(code, after, [.. history.Where(e => e.Recorded > first && e.Recorded <= second)]);

        bool In(DossierFacts? facts) => facts is not null && IsIn(facts, window, policy, cell, by, key) is ({ }, { });
    }

    /// <summary>
    /// A dossier's inflow and outcome cells when it is counted in <paramref name="cell"/> (of the row <paramref name="key"/>
    /// under <paramref name="by"/>, when given), else none: the one membership test of explain and of the comparison.
    /// </summary>
    private static (StatisticsCell? Inflow, StatisticsCell? Outcome) IsIn(DossierFacts facts, ReportingWindow window, ReportPolicy policy, StatisticsCell cell, Breakdown? by, string? key)
    {
        if (by is { } b && !string.Equals(PeriodStatistics.KeyOf(facts, b), key ?? string.Empty, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var (inflow, outcome) = PeriodStatistics.Classify(facts, window, policy);
        return inflow == cell || outcome == cell ? (inflow, outcome) : (null, null);
    }

    private static ExplainedDossier Describe(DossierFacts facts, ReportingWindow window, StatisticsCell inflow, StatisticsCell outcome)
    {
        var (segment, decisiveAt, finished) = Decisive(facts, window);
        return new ExplainedDossier(
            facts.Code,
            facts.Agency,
            facts.Channel,
            facts.ReceivedAt,
            segment.EffectiveDue,
            decisiveAt,
            finished ? facts.Terminal : null,
            finished ? facts.TerminalAt : null,
            inflow,
            outcome);
    }

    /// <summary>
    /// The deadline segment that decides a dossier's outcome in a window, and the instant it is judged at: at its terminal
    /// event when it finished before the window's end (the segment begun by events before it, equal instants included),
    /// else at the window's end (the segment begun before it); a stopped segment is judged at its opening.
    /// </summary>
    internal static (DueSegment Segment, Instant DecisiveAt, bool Finished) Decisive(DossierFacts facts, ReportingWindow window)
    {
        var finished = facts.TerminalAt is { } f && f < window.End;
        var judgedAt = finished ? facts.TerminalAt!.Value : window.End;
        var segment = facts.Segments[0];
        foreach (var s in facts.Segments)
        {
            if (finished ? s.From <= judgedAt : s.From < judgedAt)
            {
                segment = s;
            }
        }

        return (segment, segment.Stopped ? segment.From : judgedAt, finished);
    }
}
