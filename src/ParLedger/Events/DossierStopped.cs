using ParLedger.Codes;
using NodaTime;

namespace ParLedger.Events;

/// <summary><c>stopped</c>: processing stopped (<i>dừng giải quyết</i>); counted with the resolved dossiers.</summary>
/// <param name="At">When processing stopped.</param>
/// <param name="Reason">Why, optional.</param>
public sealed record DossierStopped(Instant At, string? Reason = null) : TerminalEvent(At)
{
    /// <inheritdoc />
    public override string TypeName => "stopped";
}
