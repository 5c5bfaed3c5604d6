using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Statistics;

namespace ParLedger.Lifecycle;

/// <summary>
/// A dossier (<i>hồ sơ</i>): its history in business order, always valid under SPEC §2. It decides (refuses any event
/// that would break a lifecycle rule, with an exception naming the dossier, the event and the rule) and evolves
/// (returns a new <see cref="Dossier"/>; instances are immutable).
/// </summary>
public sealed class Dossier
{
    private DossierFacts? _facts;

    private Dossier(DossierCode code, ImmutableArray<DossierEvent> history, int version)
    {
        Code = code;
        History = history;
        Version = version;
    }

    /// <summary>The dossier's code.</summary>
    public DossierCode Code { get; }

    /// <summary>The history in business order (by <c>at</c>, then append order).</summary>
    public ImmutableArray<DossierEvent> History { get; }

    /// <summary>The number of events appended to the stream (its version).</summary>
    public int Version { get; }

    /// <summary>The receipt.</summary>
    public DossierReceived Received => (DossierReceived)History[0];

    /// <summary>The terminal event, if processing has ended.</summary>
    public TerminalEvent? Terminal => History.OfType<TerminalEvent>().FirstOrDefault();

    /// <summary>The stop of the clock open at the end of the history, if any.</summary>
    public ClockStopOpened? OpenStop
    {
        get
        {
            ClockStopOpened? open = null;
            foreach (var e in History)
            {
                open = e switch
                {
                    ClockStopOpened o => o,
                    ClockStopClosed => null,
                    _ => open,
                };
            }

            return open;
        }
    }

    /// <summary>The facts the statistics are computed from.</summary>
    public DossierFacts Facts => _facts ??= DossierFacts.FromHistory(Code, History)!;

    /// <summary>The effective due after the whole history (SPEC §3), before any terminal event.</summary>
    public Instant EffectiveDue => Facts.Segments[^1].EffectiveDue;

    /// <summary>The agency holding the dossier after its last transfer.</summary>
    public AgencyCode HoldingAgency => Facts.HoldingAgency;

    /// <summary>Starts a dossier with its receipt.</summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="received">The receipt.</param>
    /// <returns>The dossier.</returns>
    /// <exception cref="LifecycleViolationException">The receipt breaks rule 2 (a due or recorded before at).</exception>
    public static Dossier Receive(DossierCode code, DossierReceived received) =>
        FromHistory(code, [received ?? throw new ArgumentNullException(nameof(received))]);

    /// <summary>Rebuilds a dossier from its events in append order, ordering them by business order and validating.</summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="eventsInAppendOrder">The stream's events in the order they were appended.</param>
    /// <returns>The dossier.</returns>
    /// <exception cref="LifecycleViolationException">The history breaks a rule.</exception>
    public static Dossier FromHistory(DossierCode code, IEnumerable<DossierEvent> eventsInAppendOrder)
    {
        var history = BusinessOrder.Sort(eventsInAppendOrder);
        if (history.Count == 0)
        {
            throw new ArgumentException($"Dossier {code}: a history needs at least its 'received' event.", nameof(eventsInAppendOrder));
        }

        LifecycleRules.Validate(code, history);
        return new Dossier(code, [.. history], history.Count);
    }

    /// <summary>
    /// Decides whether an event may be recorded and, if so, returns the evolved dossier. A late (back-dated) event
    /// takes its place by <c>at</c>, and the whole history is checked again.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>The dossier with the event recorded.</returns>
    /// <exception cref="LifecycleViolationException">The event would break a rule; the dossier is unchanged.</exception>
    public Dossier Record(DossierEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var history = History.Insert(BusinessOrder.InsertionIndex(History, e), e);
        LifecycleRules.Validate(Code, history);
        return new Dossier(Code, history, Version + 1);
    }

    /// <summary>The timeliness of a finished dossier.</summary>
    /// <param name="precision">The precision.</param>
    /// <returns>The timeliness, or <see langword="null"/> while pending.</returns>
    public Timeliness? TimelinessFor(TimelinessPrecision precision) => Facts.TimelinessFor(precision);
}
