using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;

namespace ParLedger.Tests.Lifecycle;

/// <summary>SPEC §8 <c>sweep-overdue</c>: which dossier is due an <c>overdue</c> notice at <c>T</c>, expectations derived by hand from SPEC §2–§3.</summary>
public class OverdueSweepTests
{
    private static readonly DossierCode Code = new("H57-220105-0001");
    private static readonly AgencyCode Desk = new("000.00.36.H57");
    private static readonly AgencyCode Ward = new("H57.07");
    private static readonly Instant T0 = Instant.FromUtc(2022, 1, 5, 1, 30);

    private static Instant At(int hours) => T0 + Duration.FromHours(hours);

    /// <summary>Received at hour 0 with its due at hour <paramref name="dueHours"/>.</summary>
    private static DossierReceived Received(int dueHours = 10) =>
        new(At(0), Desk, new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, At(dueHours));

    private static DossierOverdue? Notice(int sweepHour, params DossierEvent[] history) =>
        OverdueSweep.NoticeAt(Dossier.FromHistory(Code, history), At(sweepHour));

    [Fact]
    public void A_pending_dossier_past_its_due_gets_a_notice_dated_T_naming_the_receiving_agency()
    {
        var notice = Notice(11, Received(10));

        notice.Should().Be(new DossierOverdue(At(11), null, Desk));
        notice!.Recorded.Should().Be(At(11));
    }

    [Fact]
    public void A_due_exactly_at_T_has_not_passed_yet() => Notice(10, Received(10)).Should().BeNull();

    [Fact]
    public void A_due_one_tick_before_T_has_passed() =>
        OverdueSweep.NoticeAt(Dossier.FromHistory(Code, [Received(10)]), At(10) + Duration.Epsilon).Should().NotBeNull();

    [Fact]
    public void A_dossier_received_after_T_gets_nothing() => Notice(-1, Received(10)).Should().BeNull();

    [Fact]
    public void A_stop_open_at_T_means_no_notice() =>
        Notice(20, Received(10), new SupplementRequested(At(12))).Should().BeNull();

    [Fact]
    public void A_stop_opened_exactly_at_T_is_open_at_T() =>
        Notice(12, Received(10), new SupplementRequested(At(12))).Should().BeNull();

    [Fact]
    public void A_stop_opened_after_T_does_not_count_at_T() =>
        Notice(11, Received(10), new DossierPaused(At(12))).Should().Be(new DossierOverdue(At(11), null, Desk));

    [Fact]
    public void A_closed_stop_without_a_due_extends_the_effective_due_by_its_length()
    {
        // Due at 10; a supplement from 5 to 8 moves it to 13 (SPEC §3): overdue at 14, not at 12 or exactly 13.
        DossierEvent[] history = [Received(10), new SupplementRequested(At(5)), new SupplementReceived(At(8))];

        Notice(12, history).Should().BeNull();
        Notice(13, history).Should().BeNull();
        Notice(14, history).Should().Be(new DossierOverdue(At(14), null, Desk));
    }

    [Fact]
    public void A_closing_with_a_new_due_sets_the_effective_due_even_earlier()
    {
        // Due at 10; paused 2..3, resumed with a new due at 4: overdue from 5, the running due being 11 otherwise.
        DossierEvent[] history = [Received(10), new DossierPaused(At(2)), new DossierResumed(At(3), At(4))];

        Notice(4, history).Should().BeNull();
        Notice(5, history).Should().Be(new DossierOverdue(At(5), null, Desk));
    }

    [Fact]
    public void A_terminal_event_exactly_at_T_means_no_notice() =>
        Notice(12, Received(10), new DossierResolved(At(12))).Should().BeNull();

    [Fact]
    public void A_terminal_event_after_T_does_not_count_at_T_and_the_notice_can_be_recorded_before_it()
    {
        var dossier = Dossier.FromHistory(Code, [Received(10), new DossierWithdrawn(At(13))]);

        var notice = OverdueSweep.NoticeAt(dossier, At(12));

        notice.Should().Be(new DossierOverdue(At(12), null, Desk));
        dossier.Record(notice!).History.Select(e => e.TypeName).Should().Equal("received", "overdue", "withdrawn");
    }

    [Fact]
    public void A_transfer_exactly_at_T_makes_its_agency_responsible() =>
        Notice(12, Received(10), new DossierTransferred(At(12), Ward)).Should().Be(new DossierOverdue(At(12), null, Ward));

    [Fact]
    public void A_transfer_after_T_leaves_the_agency_holding_it_at_T_responsible() =>
        Notice(12, Received(10), new DossierTransferred(At(5), Ward), new DossierTransferred(At(13), Desk))
            .Should().Be(new DossierOverdue(At(12), null, Ward));

    [Fact]
    public void A_back_dated_overdue_event_recorded_after_T_already_counts() =>
        Notice(12, Received(10), new DossierOverdue(At(11)) { Recorded = At(20) }).Should().BeNull();

    [Fact]
    public void An_overdue_event_dated_after_T_also_stops_a_second_notice() =>
        Notice(12, Received(10), new DossierOverdue(At(15))).Should().BeNull();

    [Fact]
    public void Once_the_notice_is_recorded_the_dossier_is_not_due_another() =>
        OverdueSweep.NoticeAt(Dossier.FromHistory(Code, [Received(10)]).Record(Notice(11, Received(10))!), At(30)).Should().BeNull();
}
