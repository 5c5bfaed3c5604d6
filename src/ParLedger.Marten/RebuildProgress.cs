namespace ParLedger.Marten;

/// <summary>How far a rebuild (<see cref="DossierLedger.RebuildAsync"/>) has come.</summary>
/// <param name="Phase">
/// <c>reading</c> (events read from the log and folded, their rows written to the new tables), <c>summing</c> (the
/// verdict sums written), <c>catching up</c> (events appended since the rebuild began applied) or <c>switching</c>.
/// </param>
/// <param name="Events">Events read so far.</param>
/// <param name="Dossiers">Dossiers folded so far.</param>
public readonly record struct RebuildProgress(string Phase, long Events, long Dossiers);
