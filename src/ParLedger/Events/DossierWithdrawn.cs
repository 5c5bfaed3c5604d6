using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>withdrawn</c>: the applicant withdrew the dossier (<i>rút hồ sơ</i>).</summary>
/// <param name="At">When the dossier was withdrawn.</param>
/// <param name="Reason">Why, optional.</param>
public sealed record DossierWithdrawn(Instant At, string? Reason = null) : TerminalEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "withdrawn";
}
