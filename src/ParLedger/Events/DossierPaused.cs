using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>paused</c>: processing suspended for another lawful reason (<i>tạm dừng</i>); the clock stops.</summary>
/// <param name="At">When processing was suspended.</param>
/// <param name="Reason">Why, optional.</param>
public sealed record DossierPaused(Instant At, string? Reason = null) : ClockStopOpened(At, Reason)
{
    /// <inheritdoc />
    public override string TypeName => "paused";
}
