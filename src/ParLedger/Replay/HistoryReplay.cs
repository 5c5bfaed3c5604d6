using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Statistics;

namespace ParLedger.Replay;

/// <summary>
/// The replay path: folds a history (each dossier's events, lines in any order) into the facts of every dossier,
/// validating it as an import is validated (SPEC §2, §6), optionally as known at a recording instant (SPEC §4).
/// The facts then give any window's report through <see cref="PeriodStatistics"/>.
/// </summary>
public static class HistoryReplay
{
    /// <summary>Validates a history and folds it into per-dossier facts.</summary>
    /// <param name="lines">The events with where they came from, in file order (equal <c>at</c> keep this order).</param>
    /// <param name="asOf">Fold only the events with <c>recorded &lt;= asOf</c>; <see langword="null"/> for all.</param>
    /// <returns>The facts of every dossier that exists (as of <paramref name="asOf"/>), ordered by code.</returns>
    /// <exception cref="HistoryFormatException">A dossier's history breaks a lifecycle rule; the message names the file, line, dossier and rule.</exception>
    public static IReadOnlyList<DossierFacts> Fold(IEnumerable<HistoryLine> lines, Instant? asOf = null)
    {
        var facts = new List<DossierFacts>();
        foreach (var (code, history) in Histories(lines))
        {
            IEnumerable<DossierEvent> events = history.Select(h => h.Event);
            if (asOf is { } t)
            {
                events = LifecycleRules.SkipRefusedStops(events.Where(e => e.Recorded <= t));
            }

            if (DossierFacts.FromHistory(code, events) is { } f)
            {
                facts.Add(f);
            }
        }

        return facts;
    }

    /// <summary>
    /// Groups a history's lines by dossier, puts each dossier's events in business order, skips repeated facts
    /// (same type, <c>at</c> and fields; SPEC §6) and validates each history against SPEC §2.
    /// </summary>
    /// <param name="lines">The lines, in file order.</param>
    /// <returns>Each dossier's validated history, ordered by code.</returns>
    /// <exception cref="HistoryFormatException">A history breaks a lifecycle rule.</exception>
    public static IEnumerable<(DossierCode Code, IReadOnlyList<HistoryLine> History)> Histories(IEnumerable<HistoryLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var byDossier = new Dictionary<DossierCode, List<HistoryLine>>();
        foreach (var line in lines)
        {
            if (!byDossier.TryGetValue(line.Dossier, out var list))
            {
                byDossier[line.Dossier] = list = [];
            }

            if (!list.Exists(l => l.Event.At == line.Event.At && l.Event.IsSameFactAs(line.Event)))
            {
                list.Add(line);
            }
        }

        foreach (var code in byDossier.Keys.Order())
        {
            var history = byDossier[code].OrderBy(l => l.Event.At).ToList(); // stable: equal at keep line order
            var events = history.ConvertAll(l => l.Event);
            if (LifecycleRules.Check(code, events) is { } violation)
            {
                var line = history[violation.Index];
                throw HistoryFormatException.FromViolation(line.Source, line.LineNumber, violation);
            }

            yield return (code, history);
        }
    }
}
