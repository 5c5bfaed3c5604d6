using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>result_returned</c>: the result was handed to the applicant (<i>trả kết quả</i>).</summary>
/// <param name="At">When the result was handed over.</param>
public sealed record ResultReturned(Instant At) : DossierEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "result_returned";
}
