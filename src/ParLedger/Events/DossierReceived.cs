using NodaTime;
using ParLedger.Codes;

namespace ParLedger.Events;

/// <summary>
/// <c>received</c>: the dossier was accepted at the one-stop desk, with an appointment slip
/// (<i>Giấy tiếp nhận và hẹn trả kết quả</i>). The first event of every history, exactly once.
/// </summary>
/// <param name="At">When the dossier was received.</param>
/// <param name="Agency">The competent agency (<i>cơ quan có thẩm quyền</i>), e.g. <c>000.00.36.H57</c>.</param>
/// <param name="Procedure">The administrative procedure (TTHC code).</param>
/// <param name="Field">The field (<i>lĩnh vực</i>), optional.</param>
/// <param name="Level">The administrative level handling it.</param>
/// <param name="Channel">How it was received.</param>
/// <param name="Due">The appointment instant (<i>ngày hẹn trả</i>); never earlier than <paramref name="At"/>.</param>
/// <param name="FeeRequired">Whether fees are payable.</param>
public sealed record DossierReceived(
    Instant At,
    AgencyCode Agency,
    ProcedureCode Procedure,
    string? Field,
    AdministrativeLevel Level,
    ReceiptChannel Channel,
    Instant Due,
    bool FeeRequired = false) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "received";
}
