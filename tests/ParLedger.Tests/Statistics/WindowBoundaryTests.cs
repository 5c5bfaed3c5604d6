using NodaTime;
using ParLedger.Periods;
using ParLedger.Statistics;
using static ParLedger.Tests.BoundaryHistories;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// SPEC §1 and §4 at a window's boundaries: the window <c>[from, to]</c> covers <c>[from 00:00, (to + 1) 00:00)</c> local
/// time, start inclusive, end exclusive. Each case puts a receipt or a terminal event exactly on a boundary of June 2022
/// (start 2022-06-01T00:00+07:00, end 2022-07-01T00:00+07:00) and checks the cells of both report paths, derived by hand.
/// </summary>
public class WindowBoundaryTests
{
    private static readonly ReportingWindow May = new(new LocalDate(2022, 5, 1), new LocalDate(2022, 5, 31));

    private static readonly ReportingWindow July = new(new LocalDate(2022, 7, 1), new LocalDate(2022, 7, 31));

    [Fact]
    public void A_dossier_received_exactly_at_the_windows_end_is_in_no_cell_of_that_window_and_received_in_the_next()
    {
        string[] history = [Received("D", "2022-07-01T00:00:00+07:00", "2022-07-10T17:00:00+07:00", "online")];

        // r >= end: not in June at all.
        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None);
        // July: start <= r < end, online; pending at the end of July with date(ED) = 10/7 < 31/7: overdue.
        Totals(July, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedOnline = 1, PendingOverdue = 1 });
    }

    [Fact]
    public void A_dossier_received_exactly_at_the_windows_start_is_received_in_it_not_carried_over()
    {
        string[] history = [Received("D", "2022-06-01T00:00:00+07:00", "2022-07-10T17:00:00+07:00", "postal")];

        // start <= r < end: received (postal); pending at the end with date(ED) = 10/7 not before 30/6: within.
        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedPostal = 1, PendingWithin = 1 });
        // In May, r = May's end: no cell.
        Totals(May, ByDay, history).Should().AllBeEquivalentTo(None);
    }

    [Fact]
    public void A_carried_over_dossier_resolved_exactly_at_the_windows_start_is_carried_over_and_resolved_in_it()
    {
        string[] history =
        [
            Received("D", "2022-05-20T09:00:00+07:00", "2022-06-10T17:00:00+07:00"),
            Event("D", "resolved", "2022-06-01T00:00:00+07:00"),
        ];

        // r < start and f >= start: carried over; start <= f < end, date(f) = 1/6 < date(ED) = 10/6: early.
        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { CarriedOver = 1, ResolvedEarly = 1 });
        // In May, f = May's end is not before it: still pending there, date(ED) = 10/6 not before 31/5: within.
        Totals(May, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingWithin = 1 });
    }

    [Fact]
    public void A_dossier_finished_a_second_before_the_windows_start_is_in_no_cell_of_it()
    {
        string[] history =
        [
            Received("D", "2022-05-20T09:00:00+07:00", "2022-06-10T17:00:00+07:00"),
            Event("D", "withdrawn", "2022-05-31T23:59:59+07:00"),
        ];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None);
        Totals(May, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, Withdrawn = 1 });
    }

    [Fact]
    public void A_dossier_resolved_exactly_at_the_windows_end_is_still_pending_in_it()
    {
        string[] history =
        [
            Received("D", "2022-06-10T09:00:00+07:00", "2022-06-20T17:00:00+07:00"),
            Event("D", "resolved", "2022-07-01T00:00:00+07:00"),
        ];

        // f >= end: pending at June's end; date(ED) = 20/6 < 30/6 (day) and ED < end (instant): overdue.
        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingOverdue = 1 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, PendingOverdue = 1 });
        // July: carried over (r < start, f >= start), resolved late (date(f) = 1/7 > 20/6).
        Totals(July, ByDay, history).Should().AllBeEquivalentTo(None with { CarriedOver = 1, ResolvedLate = 1 });
    }

    [Fact]
    public void A_dossier_withdrawn_exactly_at_the_windows_end_is_still_pending_in_it_and_withdrawn_in_the_next()
    {
        string[] history =
        [
            Received("D", "2022-06-10T09:00:00+07:00", "2022-07-20T17:00:00+07:00", "online"),
            Event("D", "withdrawn", "2022-07-01T00:00:00+07:00"),
        ];

        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedOnline = 1, PendingWithin = 1 });
        Totals(July, ByDay, history).Should().AllBeEquivalentTo(None with { CarriedOver = 1, Withdrawn = 1 });
        Totals(July, ByDay with { Withdrawn = WithdrawnPolicy.ResolvedOnTime }, history)
            .Should().AllBeEquivalentTo(None with { CarriedOver = 1, ResolvedOnTime = 1 });
    }

    [Fact]
    public void A_dossier_stopped_a_second_before_the_windows_end_is_resolved_in_it()
    {
        string[] history =
        [
            Received("D", "2022-06-10T09:00:00+07:00", "2022-06-30T17:00:00+07:00"),
            Event("D", "stopped", "2022-06-30T23:59:59+07:00"),
        ];

        // start <= f < end; day: date(f) = date(ED) = 30/6: on time; instant: f > ED: late.
        Totals(June, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedOnTime = 1 });
        Totals(June, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedDirect = 1, ResolvedLate = 1 });
    }

    [Fact]
    public void A_window_of_one_day_counts_a_receipt_at_its_00h00_and_not_one_at_the_next_00h00()
    {
        var day = new ReportingWindow(new LocalDate(2022, 6, 15), new LocalDate(2022, 6, 15));
        string[] history =
        [
            Received("A", "2022-06-15T00:00:00+07:00", "2022-06-15T17:00:00+07:00", "online"),
            Received("B", "2022-06-16T00:00:00+07:00", "2022-06-16T17:00:00+07:00", "online"),
        ];

        // A: received 15/6, pending at the end with date(ED) = 15/6 not before 15/6 by day; ED < 16/6 00:00 by instant.
        Totals(day, ByDay, history).Should().AllBeEquivalentTo(None with { ReceivedOnline = 1, PendingWithin = 1 });
        Totals(day, ByInstant, history).Should().AllBeEquivalentTo(None with { ReceivedOnline = 1, PendingOverdue = 1 });
    }
}
