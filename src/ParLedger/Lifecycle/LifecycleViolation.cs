using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Lifecycle;

/// <summary>A broken lifecycle rule: which dossier, which event of its history, which rule, and why.</summary>
/// <param name="Dossier">The dossier.</param>
/// <param name="Index">The event's position in the history (business order).</param>
/// <param name="Event">The offending event.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Problem">What is wrong, in words.</param>
public sealed record LifecycleViolation(DossierCode Dossier, int Index, DossierEvent Event, LifecycleRule Rule, string Problem)
{
    /// <summary>The full message: dossier, event, rule and problem.</summary>
    public string Message => $"Dossier {Dossier}: {Detail}";

    /// <summary>The message without the dossier: event, rule and problem.</summary>
    public string Detail => $"event '{Event.TypeName}' at {InstantText.Format(Event.At)} breaks lifecycle rule {(int)Rule} (SPEC §2): {Problem}";
}
