namespace ParLedger.Lifecycle;

/// <summary>An append or import would break a lifecycle rule of SPEC §2; nothing was stored.</summary>
public sealed class LifecycleViolationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="violation">The violation.</param>
    public LifecycleViolationException(LifecycleViolation violation) : base((violation ?? throw new ArgumentNullException(nameof(violation))).Message) =>
        Violation = violation;

    /// <summary>The violation: dossier, event, rule, problem.</summary>
    public LifecycleViolation Violation { get; }
}
