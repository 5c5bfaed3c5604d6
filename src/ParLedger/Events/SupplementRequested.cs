using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>supplement_requested</c>: the applicant was asked to complete the dossier (<i>yêu cầu bổ sung</i>); the clock stops.</summary>
/// <param name="At">When the request was made.</param>
/// <param name="Reason">Why, optional.</param>
public sealed record SupplementRequested(Instant At, string? Reason = null) : ClockStopOpened(At, Reason)
{
    /// <inheritdoc />
    public override string TypeName => "supplement_requested";
}
