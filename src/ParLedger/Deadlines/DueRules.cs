using NodaTime;

namespace ParLedger.Deadlines;

/// <summary>
/// The timeliness rules of SPEC §3 as pure functions, written once and reused by every path
/// (in-memory replay, the PostgreSQL projection, audits).
/// </summary>
public static class DueRules
{
    /// <summary>Judges a dossier finished at <paramref name="finish"/> against its effective due.</summary>
    /// <param name="finish">The finish instant <c>f</c> (or the opening <c>p</c> of a stop still open at the terminal event).</param>
    /// <param name="effectiveDue">The effective due <c>ED</c> over the events before it.</param>
    /// <param name="precision">The policy <c>precision</c>.</param>
    /// <returns>Early, on time or late.</returns>
    public static Timeliness JudgeFinish(Instant finish, Instant effectiveDue, TimelinessPrecision precision)
    {
        var finishDate = VietnamTime.DateOf(finish);
        var dueDate = VietnamTime.DateOf(effectiveDue);
        if (precision == TimelinessPrecision.Instant && finish > effectiveDue)
        {
            return Timeliness.Late;
        }

        if (finishDate < dueDate)
        {
            return Timeliness.Early;
        }

        if (finishDate == dueDate || precision == TimelinessPrecision.Instant)
        {
            return Timeliness.OnTime;
        }

        return Timeliness.Late;
    }

    /// <summary>
    /// Whether a dossier still running (no open stop) at a window's end is overdue (<i>quá hạn</i>): iff the window's
    /// last date is on or after <see cref="FirstOverdueDay"/>.
    /// </summary>
    /// <param name="effectiveDue">The effective due over the events with <c>at &lt; end</c>.</param>
    /// <param name="lastDate">The window's last date (<c>to</c>).</param>
    /// <param name="precision">The policy <c>precision</c>.</param>
    /// <returns>Under <c>day</c>: <c>date(ED) &lt; to</c>; under <c>instant</c>: <c>ED &lt; end</c>.</returns>
    public static bool IsOverdueAtEnd(Instant effectiveDue, LocalDate lastDate, TimelinessPrecision precision) =>
        lastDate >= FirstOverdueDay(effectiveDue, precision);

    /// <summary>
    /// The first local date <c>T</c> such that a dossier still running with effective due <c>ED</c> is overdue at the end
    /// of a window whose last date is <c>T</c> (and of every later one): under <c>day</c> <c>date(ED) + 1</c>
    /// (<c>date(ED) &lt; to</c>); under <c>instant</c> <c>date(ED)</c>, since the window's end <c>(to + 1) 00:00</c> is
    /// after <c>ED</c> iff <c>date(ED) &lt;= to</c> (a due at 00:00 belongs to its own date).
    /// </summary>
    /// <param name="effectiveDue">The effective due.</param>
    /// <param name="precision">The policy <c>precision</c>.</param>
    /// <returns>The first overdue last date.</returns>
    public static LocalDate FirstOverdueDay(Instant effectiveDue, TimelinessPrecision precision)
    {
        var due = VietnamTime.DateOf(effectiveDue);
        return precision == TimelinessPrecision.Instant ? due : due.PlusDays(1);
    }

    /// <summary>
    /// Whether a dossier whose clock stopped at <paramref name="stopOpenedAt"/> was overdue at that instant:
    /// the verdict for every window ending while the stop is open (SPEC §3).
    /// </summary>
    /// <param name="effectiveDue">The effective due over the events before the opening.</param>
    /// <param name="stopOpenedAt">The opening instant <c>p</c>.</param>
    /// <param name="precision">The policy <c>precision</c>.</param>
    /// <returns>Under <c>day</c>: <c>date(ED(p)) &lt; date(p)</c>; under <c>instant</c>: <c>ED(p) &lt; p</c>.</returns>
    public static bool IsOverdueAtStop(Instant effectiveDue, Instant stopOpenedAt, TimelinessPrecision precision) =>
        precision == TimelinessPrecision.Instant
            ? effectiveDue < stopOpenedAt
            : VietnamTime.DateOf(effectiveDue) < VietnamTime.DateOf(stopOpenedAt);

    /// <summary>
    /// The effective due after a stop closes (SPEC §3): the closing's <c>due</c> when it has one, unconditionally;
    /// otherwise the running due grown by the stop's wall-clock length.
    /// </summary>
    /// <param name="runningDue">The effective due when the stop opened.</param>
    /// <param name="openedAt">When the stop opened.</param>
    /// <param name="closedAt">When it closed.</param>
    /// <param name="newDue">The closing event's <c>due</c>, if any.</param>
    /// <returns>The new effective due.</returns>
    public static Instant DueAfterStop(Instant runningDue, Instant openedAt, Instant closedAt, Instant? newDue) =>
        newDue ?? runningDue + (closedAt - openedAt);
}
