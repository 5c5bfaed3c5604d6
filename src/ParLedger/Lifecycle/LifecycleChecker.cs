using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Lifecycle;

/// <summary>
/// Checks a dossier's history against the lifecycle rules of SPEC §2 one event at a time, in business order: the same
/// verdict as <see cref="LifecycleRules.Check"/> on the whole history, without keeping the history. Mutable; one per dossier.
/// </summary>
public sealed class LifecycleChecker
{
    private readonly DossierCode _dossier;
    private int _index;
    private bool _receivedSeen;
    private TerminalEvent? _terminal;
    private ClockStopOpened? _openStop;
    private bool _resultReturned;

    /// <summary>Starts checking a dossier's history.</summary>
    /// <param name="dossier">The dossier.</param>
    public LifecycleChecker(DossierCode dossier) => _dossier = dossier;

    /// <summary>Checks the next event of the history.</summary>
    /// <param name="e">The event, next in business order.</param>
    /// <returns>The violation it causes, or <see langword="null"/>; after a violation the checker is not to be used further.</returns>
    public LifecycleViolation? Next(DossierEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var index = _index++;
        LifecycleViolation Broken(LifecycleRule rule, string problem) => new(_dossier, index, e, rule, problem);

        if (e.Recorded < e.At)
        {
            return Broken(LifecycleRule.InstantsNotBeforeAt, $"recorded {InstantText.Format(e.Recorded)} is earlier than at.");
        }

        if (DueOf(e) is { } due && due < e.At)
        {
            return Broken(LifecycleRule.InstantsNotBeforeAt, $"due {InstantText.Format(due)} is earlier than at.");
        }

        if (!_receivedSeen)
        {
            if (e is not DossierReceived)
            {
                return Broken(LifecycleRule.ReceivedFirstAndOnce, "the first event of a history must be 'received'.");
            }

            _receivedSeen = true;
            return null;
        }

        if (e is DossierReceived)
        {
            return Broken(LifecycleRule.ReceivedFirstAndOnce, "a dossier is received only once.");
        }

        if (_terminal is { } terminal)
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
                if (_openStop is not null)
                {
                    return Broken(LifecycleRule.ClockStops, $"a '{_openStop.TypeName}' stop opened at {InstantText.Format(_openStop.At)} is still open.");
                }

                _openStop = open;
                break;
            case ClockStopClosed close:
                if (_openStop is null)
                {
                    return Broken(LifecycleRule.ClockStops, "no stop of the clock is open.");
                }

                if (!LifecycleRules.Closes(close, _openStop))
                {
                    return Broken(LifecycleRule.ClockStops, $"it cannot close the '{_openStop.TypeName}' stop opened at {InstantText.Format(_openStop.At)} ({(_openStop is SupplementRequested ? "supplement_received" : "resumed")} closes it).");
                }

                _openStop = null;
                break;
            case TerminalEvent end:
                _terminal = end;
                break;
            case ResultReturned:
                if (_terminal is not DossierResolved)
                {
                    return Broken(LifecycleRule.AfterTerminalOnly, "'result_returned' only comes after 'resolved'.");
                }

                if (_resultReturned)
                {
                    return Broken(LifecycleRule.AfterTerminalOnly, "the result was already returned.");
                }

                _resultReturned = true;
                break;
            case DossierRated when _terminal is null:
                return Broken(LifecycleRule.AfterTerminalOnly, "'rated' only comes after the terminal event.");
        }

        return null;
    }

    private static Instant? DueOf(DossierEvent e) => e switch
    {
        DossierReceived r => r.Due,
        ClockStopClosed c => c.Due,
        _ => null,
    };
}
