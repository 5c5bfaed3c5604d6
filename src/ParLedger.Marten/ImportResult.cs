namespace ParLedger.Marten;

/// <summary>What an import did.</summary>
/// <param name="Dossiers">Dossiers named in the file.</param>
/// <param name="NewDossiers">Dossiers created.</param>
/// <param name="GrownDossiers">Existing dossiers that received new events.</param>
/// <param name="EventsRead">Events read from the file.</param>
/// <param name="EventsAdded">Events appended.</param>
/// <param name="EventsSkipped">Events skipped because already stored or repeated in the file.</param>
public sealed record ImportResult(int Dossiers, int NewDossiers, int GrownDossiers, long EventsRead, long EventsAdded, long EventsSkipped);
