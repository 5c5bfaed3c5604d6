using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>rated</c>: the applicant rated the service (<i>đánh giá mức độ hài lòng</i>).</summary>
/// <param name="At">When the rating was given.</param>
/// <param name="Satisfied">Whether the applicant was satisfied.</param>
public sealed record DossierRated(Instant At, bool Satisfied) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "rated";
}
