using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>supplement_received</c>: the applicant completed the dossier; the clock runs again.</summary>
/// <param name="At">When the supplement arrived.</param>
/// <param name="Due">A new appointment instant, optional.</param>
public sealed record SupplementReceived(Instant At, Instant? Due = null) : ClockStopClosed(At, Due)
{
    /// <inheritdoc />
    public override string TypeName => "supplement_received";
}
