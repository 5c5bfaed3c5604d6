using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Interchange;

/// <summary>One event read from a JSON Lines history (SPEC §6), with where it came from.</summary>
/// <param name="Source">The file (or stream) name.</param>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Dossier">The dossier's code.</param>
/// <param name="Event">The event.</param>
public sealed record HistoryLine(string Source, int LineNumber, DossierCode Dossier, DossierEvent Event);
