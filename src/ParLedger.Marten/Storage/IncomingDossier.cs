using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// One dossier of an import: its stored events and the lines of the input that name it. <see cref="Merge"/> decides
/// what is new (an event already stored or already seen in the input, same <c>at</c> and same fact, is skipped),
/// checks the whole resulting history against SPEC §2 and folds its facts. Both import paths use it.
/// </summary>
internal sealed class IncomingDossier(string code)
{
    public string Code { get; } = code;

    public List<DossierEvent> Stored { get; } = [];

    public List<(int Line, DossierEvent Event)> Incoming { get; } = [];

    /// <summary>Merges the incoming lines into the stored history.</summary>
    /// <param name="withFacts">Whether to fold the facts of the merged history.</param>
    /// <returns>The new events with their lines, the rule the history breaks (if any) and its facts.</returns>
    public Merged Merge(bool withFacts)
    {
        var known = new List<DossierEvent>(Stored);
        var fresh = new List<(int Line, DossierEvent Event)>();
        foreach (var (line, e) in Incoming)
        {
            if (!known.Exists(k => k.At == e.At && k.IsSameFactAs(e)))
            {
                known.Add(e);
                fresh.Add((line, e));
            }
        }

        if (fresh.Count == 0)
        {
            return new Merged(fresh, null, null);
        }

        var dossier = new DossierCode(Code);
        var history = BusinessOrder.Sort(known);
        if (LifecycleRules.Check(dossier, history) is { } violation)
        {
            return new Merged(fresh, violation, null);
        }

        return new Merged(fresh, null, withFacts ? DossierFacts.FromHistory(dossier, history) : null);
    }

    /// <summary>The result of <see cref="Merge"/>.</summary>
    /// <param name="Fresh">The events to append, in input order, with their line numbers.</param>
    /// <param name="Violation">The rule the merged history breaks, if any.</param>
    /// <param name="Facts">The merged history's facts, when asked for and the history is valid.</param>
    public sealed record Merged(List<(int Line, DossierEvent Event)> Fresh, LifecycleViolation? Violation, DossierFacts? Facts)
    {
        /// <summary>The line to blame for <see cref="Violation"/>: the offending event's line, else the first new line.</summary>
        public int BlamedLine => Fresh.Find(f => ReferenceEquals(f.Event, Violation?.Event)) is { Event: not null } hit ? hit.Line : Fresh[0].Line;
    }
}
