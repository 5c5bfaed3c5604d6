using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Lifecycle;

namespace ParLedger.Statistics;

/// <summary>
/// The fold of one dossier's history into its <see cref="DossierFacts"/>, one event at a time, in business order.
/// Lenient as an as-of view is (SPEC §4): a stop opened while one is open and a closing with no matching open stop are
/// skipped, events before <c>received</c> are ignored. Mutable; one instance per dossier.
/// </summary>
public sealed class DossierFold
{
    private readonly ImmutableArray<DueSegment>.Builder _segments = ImmutableArray.CreateBuilder<DueSegment>();
    private DossierReceived? _received;
    private AgencyCode _holding;
    private Instant _due;
    private ClockStopOpened? _openStop;
    private TerminalEvent? _terminal;
    private Timeliness? _byDay, _byInstant;
    private int _supplementRequests;
    private Instant? _secondSupplement, _onlineFee, _digitized, _reused, _overdueNotice;
    private ImmutableArray<Rating>.Builder? _ratings;
    private readonly ImmutableArray<Holding>.Builder _holdings = ImmutableArray.CreateBuilder<Holding>();
    private AgencyCode? _overdueResponsible;

    /// <summary>Applies the next event of the history (in business order).</summary>
    /// <param name="e">The event.</param>
    public void Apply(DossierEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_received is null)
        {
            if (e is DossierReceived r)
            {
                _received = r;
                _holding = r.Agency;
                _holdings.Add(new Holding(r.At, r.Agency));
                _due = r.Due;
                _segments.Add(new DueSegment(r.At, false, _due, false, false));
            }

            return;
        }

        switch (e)
        {
            case DossierReceived:
                break; // a second receipt is refused by validation; leniently ignored
            case DossierTransferred t:
                _holding = t.To;
                _holdings.Add(new Holding(t.At, t.To));
                break;
            case ClockStopOpened open when _terminal is null:
                if (_openStop is not null)
                {
                    break; // rule 4: no stop opens while one is open
                }

                _openStop = open;
                if (open is SupplementRequested && ++_supplementRequests == 2)
                {
                    _secondSupplement = open.At;
                }

                _segments.Add(new DueSegment(
                    open.At,
                    true,
                    _due,
                    DueRules.IsOverdueAtStop(_due, open.At, TimelinessPrecision.Day),
                    DueRules.IsOverdueAtStop(_due, open.At, TimelinessPrecision.Instant)));
                break;
            case ClockStopClosed close when _terminal is null:
                if (_openStop is null || !LifecycleRules.Closes(close, _openStop))
                {
                    break; // rule 4: a closing needs its own kind of open stop
                }

                _due = DueRules.DueAfterStop(_due, _openStop.At, close.At, close.Due);
                _openStop = null;
                _segments.Add(new DueSegment(close.At, false, _due, false, false));
                break;
            case TerminalEvent end when _terminal is null:
                _terminal = end;
                var judgedAt = _openStop?.At ?? end.At;
                _byDay = DueRules.JudgeFinish(judgedAt, _due, TimelinessPrecision.Day);
                _byInstant = DueRules.JudgeFinish(judgedAt, _due, TimelinessPrecision.Instant);
                break;
            case DossierOverdue o:
                if (_overdueNotice is null)
                {
                    _overdueNotice = o.At;
                    _overdueResponsible = o.Responsible ?? _holding;
                }

                break;
            case FeePaid { Online: true } fee:
                _onlineFee ??= fee.At;
                break;
            case DossierDigitized d:
                _digitized ??= d.At;
                if (d.Reused)
                {
                    _reused ??= d.At;
                }

                break;
            case DossierRated rated:
                (_ratings ??= ImmutableArray.CreateBuilder<Rating>()).Add(new Rating(rated.At, rated.Satisfied));
                break;
        }
    }

    /// <summary>The facts of the events applied so far.</summary>
    /// <param name="code">The dossier's code.</param>
    /// <returns>The facts, or <see langword="null"/> when no <c>received</c> event was applied.</returns>
    public DossierFacts? ToFacts(DossierCode code)
    {
        if (_received is not { } received)
        {
            return null;
        }

        return new DossierFacts
        {
            Code = code,
            Agency = received.Agency,
            HoldingAgency = _holding,
            Level = received.Level,
            Field = received.Field ?? string.Empty,
            Procedure = received.Procedure,
            Channel = received.Channel,
            FeeRequired = received.FeeRequired,
            ReceivedAt = received.At,
            Terminal = _terminal switch
            {
                DossierResolved => TerminalKind.Resolved,
                DossierStopped => TerminalKind.Stopped,
                DossierWithdrawn => TerminalKind.Withdrawn,
                _ => null,
            },
            TerminalAt = _terminal?.At,
            TimelinessByDay = _byDay,
            TimelinessByInstant = _byInstant,
            ElectronicResult = _terminal is DossierResolved { ElectronicResult: true },
            Segments = _segments.ToImmutable(),
            SecondSupplementRequestAt = _secondSupplement,
            FirstOnlineFeePaidAt = _onlineFee,
            FirstDigitizedAt = _digitized,
            FirstReuseDigitizedAt = _reused,
            FirstOverdueNoticeAt = _overdueNotice,
            Ratings = _ratings?.ToImmutable() ?? ImmutableArray<Rating>.Empty,
            Holdings = _holdings.ToImmutable(),
            FirstOverdueResponsible = _overdueResponsible,
        };
    }
}
