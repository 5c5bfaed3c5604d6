using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>resumed</c>: processing continues after a pause.</summary>
/// <param name="At">When processing resumed.</param>
/// <param name="Due">A new appointment instant, optional.</param>
public sealed record DossierResumed(Instant At, Instant? Due = null) : ClockStopClosed(At, Due)
{
    /// <inheritdoc />
    public override string TypeName => "resumed";
}
