using ParLedger.Codes;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// The accountability table of a window (the seed's <i>Phụ lục IV</i>): one row per responsible agency, sorted by overdue
/// dossiers, most first. A dossier's responsible agency (<i>cơ quan chịu trách nhiệm</i>) is the one named by its first
/// <c>overdue</c> event (its <c>responsible</c>, by default the agency holding the dossier then, SPEC §2) as known at the
/// facts' knowledge instant; without such an event, the agency holding it at its effective due (the due in force at the
/// instant its outcome is judged, <see cref="CellExplainer"/>). Every dossier of the window has one, so the rows
/// partition the window's dossiers: their overdue counts sum to <c>resolved_late + pending_overdue</c>, and their rates'
/// numerators and denominators to the window's.
/// </summary>
public static class Accountability
{
    /// <summary>The responsible agency of a dossier for a window.</summary>
    /// <param name="facts">The dossier's facts.</param>
    /// <param name="window">The window.</param>
    /// <returns>The agency.</returns>
    public static AgencyCode ResponsibleAgency(DossierFacts facts, ReportingWindow window)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.FirstOverdueResponsible ?? facts.HolderAt(CellExplainer.Decisive(facts, window).Segment.EffectiveDue);
    }

    /// <summary>The table: one row per responsible agency of a dossier counted in the window, by overdue count descending, then code.</summary>
    /// <param name="dossiers">The facts of every dossier (as known at an instant, when folded so).</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<AccountabilityRow> Compute(IEnumerable<DossierFacts> dossiers, ReportingWindow window, ReportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var byAgency = new Dictionary<AgencyCode, List<DossierFacts>>();
        var overdue = new Dictionary<AgencyCode, long>();
        foreach (var facts in dossiers)
        {
            var (inflow, outcome) = PeriodStatistics.Classify(facts, window, policy);
            if (inflow is null && outcome is null)
            {
                continue;
            }

            var agency = ResponsibleAgency(facts, window);
            if (!byAgency.TryGetValue(agency, out var list))
            {
                byAgency[agency] = list = [];
                overdue[agency] = 0;
            }

            list.Add(facts);
            if (outcome is StatisticsCell.ResolvedLate or StatisticsCell.PendingOverdue)
            {
                overdue[agency]++;
            }
        }

        return [.. byAgency
            .Select(kv =>
            {
                var rates = ServiceIndex.Compute(kv.Value, window, policy);
                return new AccountabilityRow(kv.Key, overdue[kv.Key], rates.Single(r => r.Indicator == ServiceIndicator.OnTime), rates.Single(r => r.Indicator == ServiceIndicator.OnlineSubmission));
            })
            .OrderByDescending(r => r.Overdue)
            .ThenBy(r => r.Agency.Value, StringComparer.Ordinal)];
    }
}
