using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>transferred</c>: handed to another agency or step (<i>liên thông</i>, <i>phiếu kiểm soát</i>).</summary>
/// <param name="At">When it was handed over.</param>
/// <param name="To">The agency receiving the dossier.</param>
/// <param name="From">The agency handing it over, optional.</param>
public sealed record DossierTransferred(Instant At, AgencyCode To, AgencyCode? From = null) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "transferred";
}
