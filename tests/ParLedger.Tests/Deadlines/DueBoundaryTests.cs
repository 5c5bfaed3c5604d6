using NodaTime;
using ParLedger.Deadlines;
using ParLedger.Periods;
using ParLedger.Statistics;
using static ParLedger.Tests.BoundaryHistories;

namespace ParLedger.Tests.Deadlines;

/// <summary>
/// SPEC §3 at its boundaries, through the reports: a dossier pending at June 2022's end (2022-07-01T00:00+07:00) with a
/// stop still open is judged at the stop's opening <c>p</c> (under <c>day</c>: <c>date(ED(p)) &lt; date(p)</c>; under
/// <c>instant</c>: <c>ED(p) &lt; p</c>); one without is overdue iff <c>date(ED) &lt; to</c> (day) or <c>ED &lt; end</c>
/// (instant); a finished one is judged against <c>ED</c> with a due at 00:00 belonging to its own date. Cells derived
/// by hand, for both report paths.
/// </summary>
public class DueBoundaryTests
{
    private const string Due = "2022-06-10T17:00:00+07:00";

    private static string[] PausedAt(string p, string type = "paused") =>
        [Received("D", "2022-06-01T09:00:00+07:00", Due), Event("D", type, p)];

    [Theory]
    [InlineData("2022-06-10T16:59:59+07:00", false, false)] // before ED, same date
    [InlineData("2022-06-10T17:00:00+07:00", false, false)] // exactly at ED: ED(p) < p is false
    [InlineData("2022-06-10T17:00:01+07:00", false, true)]  // after ED on its date: late by instant only
    [InlineData("2022-06-11T00:00:00+07:00", true, true)]   // the next date at 00:00: late by both
    public void A_stop_open_at_the_end_keeps_the_verdict_judged_at_its_opening(string openedAt, bool overdueByDay, bool overdueByInstant)
    {
        foreach (var type in new[] { "paused", "supplement_requested" })
        {
            var history = PausedAt(openedAt, type);

            Totals(June, ByDay, history).Should().AllBeEquivalentTo(
                None with { ReceivedDirect = 1, PendingWithin = overdueByDay ? 0 : 1, PendingOverdue = overdueByDay ? 1 : 0 }, type);
            Totals(June, ByInstant, history).Should().AllBeEquivalentTo(
                None with { ReceivedDirect = 1, PendingWithin = overdueByInstant ? 0 : 1, PendingOverdue = overdueByInstant ? 1 : 0 }, type);
        }
    }

    [Fact]
    public void A_stop_opened_before_the_due_and_still_open_long_after_it_is_within_under_both_precisions()
    {
        var history = PausedAt("2022-06-05T09:00:00+07:00");
        var later = new ReportingWindow(new LocalDate(2022, 7, 1), new LocalDate(2022, 12, 31));

        // Carried over into the later window; still judged at p = 5/6 when ED = 10/6 had not passed.
        Totals(later, ByDay, history).Should().AllBeEquivalentTo(None with { CarriedOver = 1, PendingWithin = 1 });
        Totals(later, ByInstant, history).Should().AllBeEquivalentTo(None with { CarriedOver = 1, PendingWithin = 1 });
    }

    [Fact]
    public void A_stop_opening_exactly_at_the_end_is_not_among_the_events_before_it()
    {
        // The pause at 1/7 00:00 is not before June's end: the dossier runs at the end with ED = 10/6: overdue by both.
        var history = PausedAt("2022-07-01T00:00:00+07:00");

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingOverdue = 1 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingOverdue = 1 });
    }

    [Fact]
    public void A_closing_a_second_before_the_end_is_among_the_events_before_it()
    {
        // Paused 5/6 09:00 (before ED = 10/6 17:00), resumed 30/6 23:59:59 without a due: ED grows by the stop's
        // length (25 days 14:59:59) to 6/7 07:59:59; running at the end: within by both.
        string[] history =
        [
            Received("D", "2022-06-01T09:00:00+07:00", Due),
            Event("D", "paused", "2022-06-05T09:00:00+07:00"),
            Event("D", "resumed", "2022-06-30T23:59:59+07:00"),
        ];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingWithin = 1 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingWithin = 1 });
    }

    [Fact]
    public void A_stop_extends_the_due_by_exactly_its_length()
    {
        // Paused 9/6 17:00 (before ED), resumed 10/6 17:00 without a due: ED = 10/6 17:00 + 1 day = 11/6 17:00.
        string[] Resolved(string at) =>
        [
            Received("D", "2022-06-01T09:00:00+07:00", Due),
            Event("D", "paused", "2022-06-09T17:00:00+07:00"),
            Event("D", "resumed", "2022-06-10T17:00:00+07:00"),
            Event("D", "resolved", at),
        ];

        Totals(June, ByInstant, Resolved("2022-06-11T17:00:00+07:00")).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedOnTime = 1 });
        Totals(June, ByInstant, Resolved("2022-06-11T17:00:01+07:00")).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedLate = 1 });
        Totals(June, ByDay, Resolved("2022-06-10T18:00:00+07:00")).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedEarly = 1 });
    }

    [Fact]
    public void A_closing_with_a_due_sets_it_even_earlier_than_the_running_one()
    {
        // Paused 2/6, resumed 3/6 with due 4/6 17:00 (earlier than 10/6 17:00 + 1 day): resolved 5/6 is late.
        string[] history =
        [
            Received("D", "2022-06-01T09:00:00+07:00", Due),
            Event("D", "paused", "2022-06-02T09:00:00+07:00"),
            Event("D", "resumed", "2022-06-03T09:00:00+07:00", "\"due\":\"2022-06-04T17:00:00+07:00\""),
            Event("D", "resolved", "2022-06-05T09:00:00+07:00"),
        ];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedLate = 1 });
    }

    [Theory]
    [InlineData("2022-06-29T23:59:59+07:00", true, true)]  // date(ED) = 29/6 < 30/6
    [InlineData("2022-06-30T00:00:00+07:00", false, true)] // a due at 00:00 belongs to 30/6: within by day; ED < end
    [InlineData("2022-06-30T17:00:00+07:00", false, true)] // on the last date: within by day, before the end by instant
    [InlineData("2022-07-01T00:00:00+07:00", false, false)] // exactly the end: date 1/7, and ED < end is false
    public void A_dossier_running_at_the_end_is_overdue_by_its_due_against_the_last_date_or_the_end(string due, bool overdueByDay, bool overdueByInstant)
    {
        string[] history = [Received("D", "2022-06-01T09:00:00+07:00", due)];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(
            None with { ReceivedDirect = 1, PendingWithin = overdueByDay ? 0 : 1, PendingOverdue = overdueByDay ? 1 : 0 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(
            None with { ReceivedDirect = 1, PendingWithin = overdueByInstant ? 0 : 1, PendingOverdue = overdueByInstant ? 1 : 0 });
    }

    [Theory]
    [InlineData("2022-06-09T23:59:59+07:00", Timeliness.Early, Timeliness.Early)]
    [InlineData("2022-06-10T00:00:00+07:00", Timeliness.OnTime, Timeliness.OnTime)]  // f = ED at 00:00: its own date
    [InlineData("2022-06-10T00:00:01+07:00", Timeliness.OnTime, Timeliness.Late)]
    [InlineData("2022-06-11T00:00:00+07:00", Timeliness.Late, Timeliness.Late)]
    public void A_finish_against_a_due_at_00h00_is_judged_on_the_dues_own_date(string finishedAt, Timeliness byDay, Timeliness byInstant)
    {
        string[] history =
        [
            Received("D", "2022-06-01T09:00:00+07:00", "2022-06-10T00:00:00+07:00"),
            Event("D", "resolved", finishedAt),
        ];

        static StatisticsCells Cells(Timeliness t) => None with
        {
            ReceivedDirect = 1,
            ResolvedEarly = t == Timeliness.Early ? 1 : 0,
            ResolvedOnTime = t == Timeliness.OnTime ? 1 : 0,
            ResolvedLate = t == Timeliness.Late ? 1 : 0,
        };

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(Cells(byDay));
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(Cells(byInstant));
    }

    [Fact]
    public void A_terminal_event_while_a_stop_is_open_is_judged_at_the_opening_under_instant()
    {
        // Paused at 10/6 17:00:01 (after ED = 10/6 17:00), resolved 20/6: judged at p; day: date(p) = date(ED), on
        // time; instant: p > ED, late.
        string[] history =
        [
            Received("D", "2022-06-01T09:00:00+07:00", Due),
            Event("D", "paused", "2022-06-10T17:00:01+07:00"),
            Event("D", "resolved", "2022-06-20T09:00:00+07:00"),
        ];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedOnTime = 1 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedLate = 1 });
    }
}
