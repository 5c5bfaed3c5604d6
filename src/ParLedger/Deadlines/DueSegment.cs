using NodaTime;

namespace ParLedger.Deadlines;

/// <summary>
/// One piece of a dossier's deadline state between two clock events. A segment starts at <see cref="From"/>
/// (the instant of the <c>received</c>, stop-opening or stop-closing event that began it) and holds for every
/// window end <c>E</c> with <c>From &lt; E</c> up to the next segment's <see cref="From"/> (inclusive):
/// it is the state after all events with <c>at &lt; E</c> (SPEC §3).
/// </summary>
/// <param name="From">The instant of the event that began the segment (exclusive lower bound for window ends).</param>
/// <param name="Stopped">Whether the clock is stopped in this segment (a stop opened at <see cref="From"/>).</param>
/// <param name="EffectiveDue">The effective due in this segment (for a stop: over the events before its opening).</param>
/// <param name="OverdueAtStopByDay">For a stop: whether the dossier was overdue at its opening under <c>day</c>.</param>
/// <param name="OverdueAtStopByInstant">For a stop: whether the dossier was overdue at its opening under <c>instant</c>.</param>
public readonly record struct DueSegment(Instant From, bool Stopped, Instant EffectiveDue, bool OverdueAtStopByDay, bool OverdueAtStopByInstant);
