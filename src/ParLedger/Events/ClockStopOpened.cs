using NodaTime;

namespace ParLedger.Events;

/// <summary>An event that stops the deadline clock (<see cref="SupplementRequested"/> or <see cref="DossierPaused"/>).</summary>
public abstract record ClockStopOpened : DossierEvent
{
    /// <summary>Initialises the event.</summary>
    /// <param name="at">When the clock stopped.</param>
    /// <param name="reason">Why, optional.</param>
    protected ClockStopOpened(Instant at, string? reason) : base(at) => Reason = reason;

    /// <summary>Why the clock stopped, optional.</summary>
    public string? Reason { get; init; }
}
