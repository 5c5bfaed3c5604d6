using System.Collections.Immutable;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Statistics;

namespace ParLedger.Verdicts;

/// <summary>
/// A dossier's verdicts (<i>kết luận về hồ sơ</i>): its facts (<see cref="DossierFacts"/>) turned into dated changes of
/// the <see cref="VerdictCell"/>s, from which every cell of every window is a prefix sum (docs/domain.md, "Verdicts as
/// day intervals"). This is the one place the window rules of SPEC §3–§4 are written for the fast paths: a window
/// <c>[from, to]</c> covers <c>[from 00:00, (to + 1) 00:00)</c>, so with <c>r</c> the receipt and <c>f</c> the
/// terminal instant, and <c>date(x)</c> their local dates:
/// <list type="bullet">
/// <item><b>received</b> by channel is a point on <c>date(r)</c>; <b>resolved</b> (early, on time, late per precision)
/// and <b>withdrawn</b> are points on <c>date(f)</c>;</item>
/// <item><b>open</b> holds at the end of day <c>T</c> iff <c>date(r) &lt;= T &lt; date(f)</c> (<c>r &lt; (T+1) 00:00 &lt;= f</c>):
/// pending at a window's end is open at <c>to</c>, carried over is open at <c>from − 1</c>;</item>
/// <item><b>overdue</b> at the end of <c>T</c>, while open: the deadline segment in force is the last one that began on or
/// before <c>T</c> (its events have <c>at &lt; (T+1) 00:00</c>); a stopped segment keeps the verdict judged at its
/// opening; a running one with effective due <c>ED</c> is overdue from <c>T = date(ED) + 1</c> under <c>day</c>
/// (<c>date(ED) &lt; to</c>) and from <c>T = date(ED)</c> under <c>instant</c> (<c>ED &lt; (to+1) 00:00</c>).</item>
/// </list>
/// </summary>
public static class DossierVerdicts
{
    private const int Never = int.MaxValue;

    /// <summary>The dated verdict changes of one dossier, ordered by cell then day.</summary>
    /// <param name="facts">The dossier's facts (from its whole history, or as known at an instant).</param>
    /// <returns>The changes; a dossier contributes +1/−1 per cell and interval, +1 per point.</returns>
    public static ImmutableArray<VerdictDelta> Of(DossierFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var deltas = ImmutableArray.CreateBuilder<VerdictDelta>(12);
        var received = Day(VietnamTime.DateOf(facts.ReceivedAt));
        var finished = facts.TerminalAt is { } f ? Day(VietnamTime.DateOf(f)) : Never;

        Interval(deltas, VerdictCell.Open, received, finished);
        Overdue(deltas, facts, VerdictCell.OverdueByDay, TimelinessPrecision.Day, received, finished);
        Overdue(deltas, facts, VerdictCell.OverdueByInstant, TimelinessPrecision.Instant, received, finished);
        Point(deltas, facts.Channel switch
        {
            ReceiptChannel.Online => VerdictCell.ReceivedOnline,
            ReceiptChannel.Direct => VerdictCell.ReceivedDirect,
            _ => VerdictCell.ReceivedPostal,
        }, received);

        if (facts.Terminal is TerminalKind.Withdrawn)
        {
            Point(deltas, VerdictCell.Withdrawn, finished);
        }
        else if (facts.Terminal is not null)
        {
            Point(deltas, Finished(facts.TimelinessByDay, VerdictCell.EarlyByDay), finished);
            Point(deltas, Finished(facts.TimelinessByInstant, VerdictCell.EarlyByInstant), finished);
        }

        return deltas.DrainToImmutable();
    }

    /// <summary>The local date of a day number (<see cref="DateOnly.DayNumber"/>).</summary>
    internal static NodaTime.LocalDate DateOf(int day) => NodaTime.LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));

    /// <summary>The day number (<see cref="DateOnly.DayNumber"/>) of a local date.</summary>
    internal static int Day(NodaTime.LocalDate date) => date.ToDateOnly().DayNumber;

    private static VerdictCell Finished(Timeliness? timeliness, VerdictCell early) => timeliness switch
    {
        Timeliness.Early => early,
        Timeliness.OnTime => early + 1,
        Timeliness.Late => early + 2,
        _ => throw new InvalidOperationException("A resolved or stopped dossier has a timeliness under both precisions."),
    };

    private static void Point(ImmutableArray<VerdictDelta>.Builder deltas, VerdictCell cell, int day) =>
        deltas.Add(new VerdictDelta(cell, DateOf(day), 1));

    private static void Interval(ImmutableArray<VerdictDelta>.Builder deltas, VerdictCell cell, int from, int until)
    {
        if (from >= until)
        {
            return;
        }

        deltas.Add(new VerdictDelta(cell, DateOf(from), 1));
        if (until != Never)
        {
            deltas.Add(new VerdictDelta(cell, DateOf(until), -1));
        }
    }

    /// <summary>The days <c>T</c> in <c>[received, finished)</c> at whose end the dossier is overdue, as merged intervals.</summary>
    private static void Overdue(ImmutableArray<VerdictDelta>.Builder deltas, DossierFacts facts, VerdictCell cell, TimelinessPrecision precision, int received, int finished)
    {
        var segments = facts.Segments;
        int? start = null;
        var end = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            // Segment i is in force at the end of day T for date(From_i) <= T < date(From_i+1); the first from receipt.
            var from = Math.Max(received, i == 0 ? received : Day(VietnamTime.DateOf(segments[i].From)));
            var until = Math.Min(finished, i + 1 < segments.Length ? Day(VietnamTime.DateOf(segments[i + 1].From)) : Never);
            if (from >= until)
            {
                continue;
            }

            var segment = segments[i];
            int overdueFrom;
            if (segment.Stopped)
            {
                var overdue = precision == TimelinessPrecision.Day ? segment.OverdueAtStopByDay : segment.OverdueAtStopByInstant;
                overdueFrom = overdue ? from : Never;
            }
            else
            {
                var due = Day(VietnamTime.DateOf(segment.EffectiveDue));
                overdueFrom = precision == TimelinessPrecision.Day ? due + 1 : due;
            }

            var (a, b) = (Math.Max(from, overdueFrom), until);
            if (a >= b)
            {
                continue;
            }

            if (start is not null && a <= end)
            {
                end = Math.Max(end, b);
                continue;
            }

            if (start is { } s)
            {
                Interval(deltas, cell, s, end);
            }

            (start, end) = (a, b);
        }

        if (start is { } last)
        {
            Interval(deltas, cell, last, end);
        }
    }
}
