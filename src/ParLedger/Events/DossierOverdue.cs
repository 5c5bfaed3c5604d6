using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>overdue</c>: the due passed unresolved; apology and new date (<i>phiếu xin lỗi và hẹn lại</i>). Informational: it never changes the effective due, timeliness or any cell.</summary>
/// <param name="At">When the apology was issued.</param>
/// <param name="RescheduledDue">The new date promised to the applicant, optional.</param>
/// <param name="Responsible">The agency responsible for the delay; default the agency holding the dossier.</param>
public sealed record DossierOverdue(Instant At, Instant? RescheduledDue = null, AgencyCode? Responsible = null) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "overdue";
}
