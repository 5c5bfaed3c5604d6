using NodaTime;

namespace ParLedger.Events;

/// <summary>
/// An event that restarts the deadline clock (<see cref="SupplementReceived"/> or <see cref="DossierResumed"/>).
/// With a <see cref="Due"/> it sets the effective due; without one the effective due grows by the stop's length (SPEC §3).
/// </summary>
public abstract record ClockStopClosed : DossierEvent
{
    /// <summary>Initialises the event.</summary>
    /// <param name="at">When the clock restarted.</param>
    /// <param name="due">The new appointment instant, optional.</param>
    protected ClockStopClosed(Instant at, Instant? due) : base(at) => Due = due;

    /// <summary>The new appointment instant, if one was given (<i>ngày hẹn trả mới</i>).</summary>
    public Instant? Due { get; init; }
}
