namespace ParLedger.Marten;

/// <summary>What a rebuild (<see cref="DossierLedger.RebuildAsync"/>) did.</summary>
/// <param name="Events">The events read from the log in the rebuild's snapshot.</param>
/// <param name="Dossiers">The dossiers folded from them.</param>
/// <param name="CaughtUp">The dossiers appended to while the rebuild ran, folded again before the switch.</param>
/// <param name="LateChanges">The late changes of qualified points written (<c>pl_verdict_late</c>).</param>
public sealed record RebuildResult(long Events, long Dossiers, long CaughtUp, long LateChanges);
