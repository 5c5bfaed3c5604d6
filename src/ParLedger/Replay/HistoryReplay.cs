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
    /// <summary>
    /// Validates a history and folds it into per-dossier facts. Memory grows with the number of dossiers, not events:
    /// a dossier whose lines come in business order (as <c>export</c> writes them, and as most append logs do) is folded
    /// as its lines arrive; the few whose lines do not (a late-recorded, back-dated event) are set aside and read again
    /// in a second pass over <paramref name="lines"/>, which must then be enumerable twice (a file is).
    /// </summary>
    /// <param name="lines">The events with where they came from, in file order (equal <c>at</c> keep this order).</param>
    /// <param name="asOf">Fold only the events with <c>recorded &lt;= asOf</c>; <see langword="null"/> for all. The whole history is validated either way.</param>
    /// <returns>The facts of every dossier that exists (as of <paramref name="asOf"/>), ordered by code.</returns>
    /// <exception cref="HistoryFormatException">A dossier's history breaks a lifecycle rule; the message names the file, line, dossier and rule.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="lines"/> could not be enumerated a second time when it had to be.</exception>
    public static IReadOnlyList<DossierFacts> Fold(IEnumerable<HistoryLine> lines, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var streaming = new Dictionary<DossierCode, InOrderDossier>();
        var deferred = new Dictionary<DossierCode, long>();
        foreach (var line in lines)
        {
            if (deferred.TryGetValue(line.Dossier, out var count))
            {
                deferred[line.Dossier] = count + 1;
                continue;
            }

            if (!streaming.TryGetValue(line.Dossier, out var dossier))
            {
                streaming[line.Dossier] = dossier = new InOrderDossier(line.Dossier, asOf);
            }

            if (!dossier.TryAdd(line))
            {
                streaming.Remove(line.Dossier);
                deferred[line.Dossier] = dossier.Lines + 1;
            }
        }

        var facts = new List<DossierFacts>(streaming.Count + deferred.Count);
        facts.AddRange(streaming.Values.Select(d => d.ToFacts()).OfType<DossierFacts>());
        if (deferred.Count > 0)
        {
            facts.AddRange(FoldDeferred(lines.Where(l => deferred.ContainsKey(l.Dossier)), deferred, asOf));
        }

        facts.Sort((a, b) => a.Code.CompareTo(b.Code));
        return facts;
    }

    /// <summary>
    /// Groups a history's lines by dossier, puts each dossier's events in business order, skips repeated facts
    /// (same type, <c>at</c> and fields; SPEC §6) and validates each history against SPEC §2. Keeps every line in memory.
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

    private static IEnumerable<DossierFacts> FoldDeferred(IEnumerable<HistoryLine> lines, Dictionary<DossierCode, long> expectedLines, Instant? asOf)
    {
        var buffered = lines.ToList();
        if (buffered.Count != expectedLines.Values.Sum())
        {
            throw new InvalidOperationException(
                "Some dossiers' lines are not in business order, so the history must be read twice, but the second reading differed from the first: pass a re-readable source such as a file.");
        }

        foreach (var (code, history) in Histories(buffered))
        {
            if (DossierFacts.FromHistory(code, history.Select(h => h.Event), asOf) is { } facts)
            {
                yield return facts;
            }
        }
    }

    /// <summary>A dossier whose lines have come in business order so far: validated and folded as they arrive.</summary>
    private sealed class InOrderDossier(DossierCode code, Instant? asOf)
    {
        private readonly LifecycleChecker _checker = new(code);
        private readonly DossierFold _fold = new();
        private readonly List<DossierEvent> _atLastInstant = [];

        public long Lines { get; private set; }

        /// <summary>
        /// Adds the next line; <see langword="false"/> when the dossier must be set aside for the second pass: the line
        /// comes before an earlier one in business order, or it breaks a rule (an earlier event may yet come later in
        /// the file, so only the whole history can tell).
        /// </summary>
        public bool TryAdd(HistoryLine line)
        {
            var e = line.Event;
            var sameInstant = _atLastInstant.Count > 0 && e.At == _atLastInstant[0].At;
            if (_atLastInstant.Count > 0 && e.At < _atLastInstant[0].At)
            {
                return false;
            }

            if (sameInstant && _atLastInstant.Exists(known => known.IsSameFactAs(e)))
            {
                Lines++;
                return true; // a repeat (SPEC §6)
            }

            if (_checker.Next(e) is not null)
            {
                return false;
            }

            if (!sameInstant)
            {
                _atLastInstant.Clear();
            }

            _atLastInstant.Add(e);
            if (asOf is not { } t || e.Recorded <= t)
            {
                _fold.Apply(e);
            }

            Lines++;
            return true;
        }

        public DossierFacts? ToFacts() => _fold.ToFacts(code);
    }
}
