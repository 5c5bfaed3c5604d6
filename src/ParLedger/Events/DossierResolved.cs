using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>resolved</c>: processing finished (<i>đã xử lý xong</i>), approved or refused.</summary>
/// <param name="At">When processing finished.</param>
/// <param name="Outcome">Approved (default) or refused.</param>
/// <param name="ElectronicResult">Whether the result was issued electronically (<i>kết quả điện tử</i>).</param>
public sealed record DossierResolved(Instant At, ResolutionOutcome Outcome = ResolutionOutcome.Approved, bool ElectronicResult = false) : TerminalEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "resolved";
}
