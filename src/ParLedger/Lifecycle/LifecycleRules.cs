using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Lifecycle;

/// <summary>Checks a dossier's whole history, in business order, against the lifecycle rules of SPEC §2.</summary>
public static class LifecycleRules
{
    /// <summary>Finds the first broken rule in a history, if any.</summary>
    /// <param name="dossier">The dossier.</param>
    /// <param name="history">Its events in business order.</param>
    /// <returns>The first violation, or <see langword="null"/> when the history is valid.</returns>
    public static LifecycleViolation? Check(DossierCode dossier, IReadOnlyList<DossierEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var checker = new LifecycleChecker(dossier);
        foreach (var e in history)
        {
            if (checker.Next(e) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    /// <summary>Checks a history and throws on the first broken rule.</summary>
    /// <param name="dossier">The dossier.</param>
    /// <param name="history">Its events in business order.</param>
    /// <exception cref="LifecycleViolationException">A rule is broken.</exception>
    public static void Validate(DossierCode dossier, IReadOnlyList<DossierEvent> history)
    {
        if (Check(dossier, history) is { } violation)
        {
            throw new LifecycleViolationException(violation);
        }
    }

    internal static bool Closes(ClockStopClosed close, ClockStopOpened open) =>
        (close is SupplementReceived && open is SupplementRequested) || (close is DossierResumed && open is DossierPaused);
}
