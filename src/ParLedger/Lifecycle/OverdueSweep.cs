using NodaTime;
using ParLedger.Events;
using ParLedger.Statistics;

namespace ParLedger.Lifecycle;

/// <summary>
/// The overdue sweeper's rule (SPEC §8, <c>sweep-overdue</c>): whether a dossier is due an <c>overdue</c> notice
/// (<i>phiếu xin lỗi và hẹn lại</i>) at an instant <c>T</c>, and which agency is responsible. Pure: it reads the
/// dossier's history only, through the same fold as every statistic (<see cref="DossierFacts"/>).
/// </summary>
/// <remarks>
/// "At <c>T</c>" is the dossier's history cut at <c>T</c>: its events with <c>at &lt;= T</c>, in business order, whatever
/// their <c>recorded</c> instant (a back-dated event recorded after <c>T</c> counts, as the notice itself is dated
/// <c>T</c> and takes its place after every event with <c>at &lt;= T</c>). An event exactly at <c>T</c> is therefore
/// already in force: a terminal event at <c>T</c> means no notice, a stop opened at <c>T</c> is open, a transfer at
/// <c>T</c> moves the responsibility, and a due exactly at <c>T</c> has not passed (the due must be strictly before
/// <c>T</c>). A dossier that holds any <c>overdue</c> event, at any instant, is never given another one: the
/// sweeper issues at most one notice per dossier.
/// </remarks>
public static class OverdueSweep
{
    /// <summary>
    /// The notice a dossier is due at <paramref name="now"/>, or <see langword="null"/>: due when, over its events with
    /// <c>at &lt;= now</c>, it has been received, has no terminal event, no open stop of the clock and an effective due
    /// (SPEC §3) before <paramref name="now"/>, and it has no <c>overdue</c> event at all. The notice is dated
    /// <paramref name="now"/> (<c>at</c> and <c>recorded</c>) and names as <c>responsible</c> the agency holding the
    /// dossier at <paramref name="now"/> (its last transfer with <c>at &lt;= now</c>, else the receiving agency).
    /// </summary>
    /// <param name="dossier">The dossier, with its validated history.</param>
    /// <param name="now">The sweep instant <c>T</c>.</param>
    /// <returns>The <c>overdue</c> event to append, or <see langword="null"/> when none is due.</returns>
    public static DossierOverdue? NoticeAt(Dossier dossier, Instant now)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (dossier.Facts.FirstOverdueNoticeAt is not null)
        {
            return null;
        }

        // Business order sorts by at, so the events with at <= now are a prefix of the history.
        var atNow = DossierFacts.FromHistory(dossier.Code, dossier.History.TakeWhile(e => e.At <= now));
        if (atNow is null || atNow.Terminal is not null)
        {
            return null;
        }

        var state = atNow.Segments[^1];
        return !state.Stopped && state.EffectiveDue < now
            ? new DossierOverdue(now, Responsible: atNow.HoldingAgency)
            : null;
    }
}
