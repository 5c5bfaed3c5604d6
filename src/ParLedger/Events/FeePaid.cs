using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>fee_paid</c>: fees were paid (<i>nộp phí, lệ phí</i>).</summary>
/// <param name="At">When the fees were paid.</param>
/// <param name="Online">Whether they were paid online (<i>thanh toán trực tuyến</i>).</param>
public sealed record FeePaid(Instant At, bool Online) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "fee_paid";
}
