using NodaTime;

namespace ParLedger.Events;

/// <summary>
/// An event that ends processing: <see cref="DossierResolved"/>, <see cref="DossierStopped"/> or <see cref="DossierWithdrawn"/>.
/// At most one per dossier; after it only <c>result_returned</c>, <c>fee_paid</c>, <c>digitized</c> and <c>rated</c> may come.
/// </summary>
public abstract record TerminalEvent : DossierEvent
{
    /// <summary>Initialises the event.</summary>
    /// <param name="at">When processing ended.</param>
    protected TerminalEvent(Instant at) : base(at)
    {
    }
}
