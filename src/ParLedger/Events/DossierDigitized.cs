using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>digitized</c>: the dossier components were digitised (<i>số hóa</i>).</summary>
/// <param name="At">When the components were digitised.</param>
/// <param name="Reused">Whether data were reused from an earlier digitised result (<i>tái sử dụng</i>).</param>
public sealed record DossierDigitized(Instant At, bool Reused = false) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "digitized";
}
