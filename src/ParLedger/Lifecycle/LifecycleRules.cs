using NodaTime;
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
        var receivedSeen = false;
        TerminalEvent? terminal = null;
        ClockStopOpened? openStop = null;
        var resultReturned = false;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            LifecycleViolation Broken(LifecycleRule rule, string problem) => new(dossier, i, e, rule, problem);

            if (e.Recorded < e.At)
            {
                return Broken(LifecycleRule.InstantsNotBeforeAt, $"recorded {InstantText.Format(e.Recorded)} is earlier than at.");
            }

            if (DueOf(e) is { } due && due < e.At)
            {
                return Broken(LifecycleRule.InstantsNotBeforeAt, $"due {InstantText.Format(due)} is earlier than at.");
            }

            if (!receivedSeen)
            {
                if (e is not DossierReceived)
                {
                    return Broken(LifecycleRule.ReceivedFirstAndOnce, "the first event of a history must be 'received'.");
                }

                receivedSeen = true;
                continue;
            }

            if (e is DossierReceived)
            {
                return Broken(LifecycleRule.ReceivedFirstAndOnce, "a dossier is received only once.");
            }

            if (terminal is not null)
            {
                switch (e)
                {
                    case ResultReturned or FeePaid or DossierDigitized or DossierRated:
                        break;
                    case TerminalEvent:
                        return Broken(LifecycleRule.SingleTerminal, $"the dossier already ended with '{terminal.TypeName}' at {InstantText.Format(terminal.At)}.");
                    case DossierOverdue:
                        return Broken(LifecycleRule.OverdueBeforeTerminal, $"'overdue' must come before the terminal '{terminal.TypeName}' at {InstantText.Format(terminal.At)}.");
                    default:
                        return Broken(LifecycleRule.SingleTerminal, $"after the terminal '{terminal.TypeName}' at {InstantText.Format(terminal.At)} only result_returned, fee_paid, digitized and rated may come.");
                }
            }

            switch (e)
            {
                case ClockStopOpened open:
                    if (openStop is not null)
                    {
                        return Broken(LifecycleRule.ClockStops, $"a '{openStop.TypeName}' stop opened at {InstantText.Format(openStop.At)} is still open.");
                    }

                    openStop = open;
                    break;
                case ClockStopClosed close:
                    if (openStop is null)
                    {
                        return Broken(LifecycleRule.ClockStops, "no stop of the clock is open.");
                    }

                    if (!Closes(close, openStop))
                    {
                        return Broken(LifecycleRule.ClockStops, $"it cannot close the '{openStop.TypeName}' stop opened at {InstantText.Format(openStop.At)} ({(openStop is SupplementRequested ? "supplement_received" : "resumed")} closes it).");
                    }

                    openStop = null;
                    break;
                case TerminalEvent end:
                    terminal = end;
                    break;
                case ResultReturned:
                    if (terminal is not DossierResolved)
                    {
                        return Broken(LifecycleRule.AfterTerminalOnly, "'result_returned' only comes after 'resolved'.");
                    }

                    if (resultReturned)
                    {
                        return Broken(LifecycleRule.AfterTerminalOnly, "the result was already returned.");
                    }

                    resultReturned = true;
                    break;
                case DossierRated when terminal is null:
                    return Broken(LifecycleRule.AfterTerminalOnly, "'rated' only comes after the terminal event.");
            }
        }

        if (!receivedSeen && history.Count > 0)
        {
            return new LifecycleViolation(dossier, 0, history[0], LifecycleRule.ReceivedFirstAndOnce, "the history has no 'received' event.");
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

    /// <summary>
    /// The as-of view of a valid history (SPEC §4): drops the events that rule 4 would refuse in the filtered history
    /// (a closing with no matching open stop, an opening while one is open). Nothing else is re-validated.
    /// </summary>
    /// <param name="history">The filtered history in business order.</param>
    /// <returns>The events kept, in order.</returns>
    public static IEnumerable<DossierEvent> SkipRefusedStops(IEnumerable<DossierEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ClockStopOpened? openStop = null;
        foreach (var e in history)
        {
            switch (e)
            {
                case ClockStopOpened open:
                    if (openStop is not null)
                    {
                        continue;
                    }

                    openStop = open;
                    break;
                case ClockStopClosed close:
                    if (openStop is null || !Closes(close, openStop))
                    {
                        continue;
                    }

                    openStop = null;
                    break;
            }

            yield return e;
        }
    }

    internal static bool Closes(ClockStopClosed close, ClockStopOpened open) =>
        (close is SupplementReceived && open is SupplementRequested) || (close is DossierResumed && open is DossierPaused);

    private static Instant? DueOf(DossierEvent e) => e switch
    {
        DossierReceived r => r.Due,
        ClockStopClosed c => c.Due,
        _ => null,
    };
}
