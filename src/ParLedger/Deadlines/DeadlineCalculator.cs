using NodaTime;
using ParLedger.Calendar;

namespace ParLedger.Deadlines;

/// <summary>
/// Computes a dossier's appointment (<i>ngày hẹn trả</i>) from its statutory processing time on a working calendar
/// (SPEC §3): N working days — the end of office hours of the N-th working day after the receipt's date; or N working
/// hours — counted within office hours from the receipt instant. Stops of the clock then extend the due as the
/// effective-due rule says (<see cref="DueRules.DueAfterStop"/>).
/// </summary>
public sealed class DeadlineCalculator
{
    /// <summary>Creates a calculator.</summary>
    /// <param name="calendar">The working calendar; default <see cref="WorkingCalendar.Default"/>.</param>
    /// <param name="officeHours">The office hours; default <see cref="OfficeHours.Default"/>.</param>
    public DeadlineCalculator(WorkingCalendar? calendar = null, OfficeHours? officeHours = null)
    {
        Calendar = calendar ?? WorkingCalendar.Default;
        OfficeHours = officeHours ?? OfficeHours.Default;
    }

    /// <summary>The working calendar.</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>The office hours.</summary>
    public OfficeHours OfficeHours { get; }

    /// <summary>
    /// The due of a procedure of <paramref name="days"/> working days: the close of office hours of the
    /// <paramref name="days"/>-th working day after the receipt's date. With a procedure cut-off (e.g. 15:00), a receipt
    /// after the cut-off counts as received on the next working day.
    /// </summary>
    /// <param name="receivedAt">The receipt instant.</param>
    /// <param name="days">The processing time in working days, at least 1.</param>
    /// <param name="cutoff">The procedure's cut-off time, if it has one.</param>
    /// <returns>The due instant.</returns>
    public Instant DueAfterWorkingDays(Instant receivedAt, int days, LocalTime? cutoff = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var local = receivedAt.WithOffset(VietnamTime.Offset).LocalDateTime;
        var receiptDate = local.Date;
        if (cutoff is { } limit && local.TimeOfDay > limit)
        {
            receiptDate = Calendar.NextWorkingDay(receiptDate);
        }

        return VietnamTime.ToInstant(Calendar.AddWorkingDays(receiptDate, days) + OfficeHours.Close);
    }

    /// <summary>
    /// The due of a procedure of <paramref name="hours"/> working hours, counted within office hours on working days from
    /// the receipt instant (a receipt outside office hours starts counting at the next opening).
    /// </summary>
    /// <param name="receivedAt">The receipt instant.</param>
    /// <param name="hours">The processing time in working hours, at least 1.</param>
    /// <returns>The due instant.</returns>
    public Instant DueAfterWorkingHours(Instant receivedAt, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hours);
        var remaining = Duration.FromHours(hours);
        var local = receivedAt.WithOffset(VietnamTime.Offset).LocalDateTime;
        var date = local.Date;
        var from = local.TimeOfDay;
        while (true)
        {
            if (Calendar.IsWorkingDay(date))
            {
                foreach (var (start, end) in OfficeHours.Periods)
                {
                    if (from >= end)
                    {
                        continue;
                    }

                    var begin = from > start ? from : start;
                    var available = Period.Between(begin, end).ToDuration();
                    if (available >= remaining)
                    {
                        return VietnamTime.ToInstant(date + begin) + remaining;
                    }

                    remaining -= available;
                }
            }

            date = date.PlusDays(1);
            from = LocalTime.Midnight;
        }
    }
}
