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
/// (<c>date(ED) &lt; to</c>) and from <c>T = date(ED)</c> under <c>instant</c> (<c>ED &lt; (to+1) 00:00</c>),
/// <see cref="DueRules.FirstOverdueDay"/>.</item>
/// <item>the <b>service-index</b> cells of SPEC §5 (<see cref="VerdictCell.ReceivedFeeRequired"/> and after): an event is
/// "in time" for a window when <c>at &lt; (to+1) 00:00</c>, that is <c>date(at) &lt;= to</c>, so each condition is a
/// state of the window's last day; a condition on a dossier counted by a point (received, finished) is a qualified point
/// with late changes (<see cref="VerdictDelta.PointDay"/>).</item>
/// </list>
/// </summary>
public static class DossierVerdicts
{
    private const int Never = int.MaxValue;

    /// <summary>The dated verdict changes of one dossier.</summary>
    /// <param name="facts">The dossier's facts (from its whole history, or as known at an instant).</param>
    /// <returns>The changes; a dossier contributes +1/−1 per cell and interval, +1 per point, ±1 per late change.</returns>
    public static ImmutableArray<VerdictDelta> Of(DossierFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var deltas = ImmutableArray.CreateBuilder<VerdictDelta>(16);
        var received = Day(VietnamTime.DateOf(facts.ReceivedAt));
        var finished = facts.TerminalAt is { } f ? Day(VietnamTime.DateOf(f)) : Never;

        Interval(deltas, VerdictCell.Open, received, finished);
        var overdueByDay = Overdue(facts, TimelinessPrecision.Day, received, finished);
        var overdueByInstant = Overdue(facts, TimelinessPrecision.Instant, received, finished);
        Intervals(deltas, VerdictCell.OverdueByDay, overdueByDay);
        Intervals(deltas, VerdictCell.OverdueByInstant, overdueByInstant);
        Point(deltas, facts.Channel switch
        {
            ReceiptChannel.Online => VerdictCell.ReceivedOnline,
            ReceiptChannel.Direct => VerdictCell.ReceivedDirect,
            _ => VerdictCell.ReceivedPostal,
        }, received);

        // SPEC §5, on the receipt day: 3.6 (fees required, paid online in time) and 4.3 (data reused in time).
        if (facts.FeeRequired)
        {
            Point(deltas, VerdictCell.ReceivedFeeRequired, received);
            Qualified(deltas, VerdictCell.PaidOnline, received, FromDayOf(facts.FirstOnlineFeePaidAt));
        }

        Qualified(deltas, VerdictCell.Reused, received, FromDayOf(facts.FirstReuseDigitizedAt));

        // 2.1: two supplement requests in time exclude a dossier pending within its due (a state from the second request).
        if (facts.SecondSupplementRequestAt is { } second)
        {
            var from = Math.Max(received, Day(VietnamTime.DateOf(second)));
            Intervals(deltas, VerdictCell.WithinSupplementedTwiceByDay, Without(from, finished, overdueByDay));
            Intervals(deltas, VerdictCell.WithinSupplementedTwiceByInstant, Without(from, finished, overdueByInstant));
        }

        if (facts.Terminal is TerminalKind.Withdrawn)
        {
            Point(deltas, VerdictCell.Withdrawn, finished);
            Finished(deltas, facts, finished, VerdictCell.WithdrawnSupplementedTwice, VerdictCell.UnsatisfiedWithdrawn);
        }
        else if (facts.Terminal is { } terminal)
        {
            Point(deltas, Finished(facts.TimelinessByDay, VerdictCell.EarlyByDay), finished);
            Point(deltas, Finished(facts.TimelinessByInstant, VerdictCell.EarlyByInstant), finished);
            if (facts.TimelinessByDay is not Timeliness.Late)
            {
                Finished(deltas, facts, finished, VerdictCell.EarlyOrOnTimeSupplementedTwiceByDay, VerdictCell.UnsatisfiedEarlyOrOnTimeByDay);
            }

            if (facts.TimelinessByInstant is not Timeliness.Late)
            {
                Finished(deltas, facts, finished, VerdictCell.EarlyOrOnTimeSupplementedTwiceByInstant, VerdictCell.UnsatisfiedEarlyOrOnTimeByInstant);
            }

            // 4.1 and 4.2: resolved (not stopped), with an electronic result, digitised in time.
            if (terminal is TerminalKind.Resolved)
            {
                Point(deltas, VerdictCell.Resolved, finished);
                if (facts.ElectronicResult)
                {
                    Point(deltas, VerdictCell.ResolvedElectronic, finished);
                    Qualified(deltas, VerdictCell.ResolvedElectronicDigitized, finished, FromDayOf(facts.FirstDigitizedAt));
                }
            }
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

    /// <summary>
    /// The SPEC §5 exclusions of a dossier finished not late (or withdrawn) on day <paramref name="finished"/>: two
    /// supplement requests (all before the terminal event, lifecycle rule 3, so in time whenever it is) and an
    /// unsatisfied last rating in time (ratings come after the terminal event, rule 6, and may change later).
    /// </summary>
    private static void Finished(ImmutableArray<VerdictDelta>.Builder deltas, DossierFacts facts, int finished, VerdictCell supplementedTwice, VerdictCell unsatisfied)
    {
        if (facts.SecondSupplementRequestAt is not null)
        {
            Point(deltas, supplementedTwice, finished);
        }

        if (!facts.Ratings.IsEmpty)
        {
            // The condition at the end of each rating day: its last rating (business order) says unsatisfied.
            var turns = new List<(int Day, bool Holds)>();
            foreach (var rating in facts.Ratings)
            {
                var day = Day(VietnamTime.DateOf(rating.At));
                if (turns.Count > 0 && turns[^1].Day == day)
                {
                    turns[^1] = (day, !rating.Satisfied);
                }
                else
                {
                    turns.Add((day, !rating.Satisfied));
                }
            }

            Qualified(deltas, unsatisfied, finished, turns);
        }
    }

    private static List<(int Day, bool Holds)> FromDayOf(NodaTime.Instant? at) =>
        at is { } x ? [(Day(VietnamTime.DateOf(x)), true)] : [];

    /// <summary>
    /// A qualified point on <paramref name="point"/>: +1 there when the condition holds at the day's end, then ±1 late
    /// changes on each later day it turns. <paramref name="turns"/>: the condition's value from the end of each day on,
    /// in day order (false before the first).
    /// </summary>
    private static void Qualified(ImmutableArray<VerdictDelta>.Builder deltas, VerdictCell cell, int point, List<(int Day, bool Holds)> turns)
    {
        var holds = false;
        var i = 0;
        for (; i < turns.Count && turns[i].Day <= point; i++)
        {
            holds = turns[i].Holds;
        }

        if (holds)
        {
            Point(deltas, cell, point);
        }

        var pointDay = DateOf(point);
        for (; i < turns.Count; i++)
        {
            if (turns[i].Holds != holds)
            {
                holds = turns[i].Holds;
                deltas.Add(new VerdictDelta(cell, DateOf(turns[i].Day), holds ? 1 : -1, pointDay));
            }
        }
    }

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

    private static void Intervals(ImmutableArray<VerdictDelta>.Builder deltas, VerdictCell cell, List<(int From, int Until)> intervals)
    {
        foreach (var (from, until) in intervals)
        {
            Interval(deltas, cell, from, until);
        }
    }

    /// <summary>The days of <c>[from, until)</c> outside the given ordered, disjoint intervals.</summary>
    private static List<(int From, int Until)> Without(int from, int until, List<(int From, int Until)> removed)
    {
        var kept = new List<(int From, int Until)>();
        var at = from;
        foreach (var (a, b) in removed)
        {
            if (b <= at)
            {
                continue;
            }

            if (a >= until)
            {
                break;
            }

            if (a > at)
            {
                kept.Add((at, a));
            }

            at = Math.Max(at, b);
        }

        if (at < until)
        {
            kept.Add((at, until));
        }

        return kept;
    }

    /// <summary>The days <c>T</c> in <c>[received, finished)</c> at whose end the dossier is overdue, as ordered, merged intervals.</summary>
    private static List<(int From, int Until)> Overdue(DossierFacts facts, TimelinessPrecision precision, int received, int finished)
    {
        var intervals = new List<(int From, int Until)>();
        var segments = facts.Segments;
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
                overdueFrom = Day(DueRules.FirstOverdueDay(segment.EffectiveDue, precision));
            }

            var (a, b) = (Math.Max(from, overdueFrom), until);
            if (a >= b)
            {
                continue;
            }

            if (intervals.Count > 0 && a <= intervals[^1].Until)
            {
                intervals[^1] = (intervals[^1].From, Math.Max(intervals[^1].Until, b));
            }
            else
            {
                intervals.Add((a, b));
            }
        }

        return intervals;
    }
}
