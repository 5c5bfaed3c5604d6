using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;

namespace ParLedger.Tests.Lifecycle;

public class LifecycleRulesTests
{
    private static readonly DossierCode Code = new("H57-220105-0001");
    private static readonly Instant T0 = Instant.FromUtc(2022, 1, 5, 1, 30);

    private static Instant At(int hours) => T0 + Duration.FromHours(hours);

    private static DossierReceived Received(int hours = 0, int dueHours = 120) =>
        new(At(hours), new AgencyCode("000.00.36.H57"), new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, At(dueHours));

    private static Action Recording(params DossierEvent[] history) => () => Dossier.FromHistory(Code, history);

    private static void ShouldBreak(LifecycleRule rule, string expectedType, params DossierEvent[] history) =>
        Recording(history).Should().Throw<LifecycleViolationException>()
            .Where(e => e.Violation.Rule == rule && e.Violation.Event.TypeName == expectedType && e.Violation.Dossier == Code)
            .And.Message.Should().Contain(Code.Value).And.Contain($"rule {(int)rule}").And.Contain(expectedType);

    [Fact]
    public void A_full_lifecycle_with_stops_transfers_and_after_terminal_events_is_accepted()
    {
        var dossier = Dossier.FromHistory(Code,
        [
            Received(),
            new DossierTransferred(At(1), new AgencyCode("H57.07")),
            new SupplementRequested(At(2)),
            new SupplementReceived(At(30), At(150)),
            new DossierPaused(At(31)),
            new DossierResumed(At(40)),
            new DossierOverdue(At(41)),
            new DossierResolved(At(50), ResolutionOutcome.Refused, true),
            new ResultReturned(At(51)),
            new FeePaid(At(52), true),
            new DossierDigitized(At(53), true),
            new DossierRated(At(54), false),
        ]);

        dossier.Version.Should().Be(12);
        dossier.Terminal.Should().BeOfType<DossierResolved>();
    }

    [Fact]
    public void Rule_1_refuses_a_history_that_does_not_start_with_received() =>
        ShouldBreak(LifecycleRule.ReceivedFirstAndOnce, "transferred", new DossierTransferred(At(-1), new AgencyCode("H57.07")), Received());

    [Fact]
    public void Rule_1_refuses_a_second_received() =>
        ShouldBreak(LifecycleRule.ReceivedFirstAndOnce, "received", Received(), Received(1));

    [Fact]
    public void Rule_2_refuses_recorded_before_at() =>
        ShouldBreak(LifecycleRule.InstantsNotBeforeAt, "resolved", Received(), new DossierResolved(At(5)) { Recorded = At(4) });

    [Fact]
    public void Rule_2_refuses_a_due_before_at_on_received_and_on_a_closing() =>
        ShouldBreak(LifecycleRule.InstantsNotBeforeAt, "supplement_received", Received(), new SupplementRequested(At(1)), new SupplementReceived(At(5), At(4)));

    [Fact]
    public void Rule_2_refuses_a_receipt_due_before_its_at() =>
        ShouldBreak(LifecycleRule.InstantsNotBeforeAt, "received", Received(10, 9));

    [Fact]
    public void Rule_3_refuses_a_second_terminal_event() =>
        ShouldBreak(LifecycleRule.SingleTerminal, "withdrawn", Received(), new DossierResolved(At(5)), new DossierWithdrawn(At(6)));

    [Fact]
    public void Rule_3_refuses_a_transfer_after_the_terminal_event() =>
        ShouldBreak(LifecycleRule.SingleTerminal, "transferred", Received(), new DossierStopped(At(5)), new DossierTransferred(At(6), new AgencyCode("H57.07")));

    [Fact]
    public void Rule_4_refuses_opening_a_second_stop() =>
        ShouldBreak(LifecycleRule.ClockStops, "paused", Received(), new SupplementRequested(At(1)), new DossierPaused(At(2)));

    [Fact]
    public void Rule_4_refuses_closing_with_no_open_stop() =>
        ShouldBreak(LifecycleRule.ClockStops, "resumed", Received(), new DossierResumed(At(2)));

    [Fact]
    public void Rule_4_refuses_closing_a_stop_of_the_other_kind() =>
        ShouldBreak(LifecycleRule.ClockStops, "resumed", Received(), new SupplementRequested(At(1)), new DossierResumed(At(2)));

    [Fact]
    public void Rule_4_allows_a_terminal_event_while_a_stop_is_open()
    {
        var dossier = Dossier.FromHistory(Code, [Received(), new DossierPaused(At(1)), new DossierWithdrawn(At(2))]);

        dossier.OpenStop.Should().BeOfType<DossierPaused>();
    }

    [Fact]
    public void Rule_5_refuses_overdue_after_the_terminal_event() =>
        ShouldBreak(LifecycleRule.OverdueBeforeTerminal, "overdue", Received(), new DossierResolved(At(5)), new DossierOverdue(At(6)));

    [Fact]
    public void Rule_6_refuses_result_returned_after_a_withdrawal() =>
        ShouldBreak(LifecycleRule.AfterTerminalOnly, "result_returned", Received(), new DossierWithdrawn(At(5)), new ResultReturned(At(6)));

    [Fact]
    public void Rule_6_refuses_returning_the_result_twice() =>
        ShouldBreak(LifecycleRule.AfterTerminalOnly, "result_returned", Received(), new DossierResolved(At(5)), new ResultReturned(At(6)), new ResultReturned(At(7)));

    [Fact]
    public void Rule_6_refuses_a_rating_before_the_terminal_event() =>
        ShouldBreak(LifecycleRule.AfterTerminalOnly, "rated", Received(), new DossierRated(At(3), true));

    [Fact]
    public void A_late_recorded_event_takes_its_place_by_at_and_the_rules_read_business_order()
    {
        var dossier = Dossier.Receive(Code, Received())
            .Record(new DossierResolved(At(20)))
            .Record(new SupplementRequested(At(5)) { Recorded = At(30) })
            .Record(new SupplementReceived(At(10)) { Recorded = At(31) });

        dossier.History.Select(e => e.TypeName).Should().Equal("received", "supplement_requested", "supplement_received", "resolved");
        dossier.Version.Should().Be(4);
    }

    [Fact]
    public void Record_refuses_a_closing_that_comes_before_its_opening_in_business_order()
    {
        var dossier = Dossier.Receive(Code, Received()).Record(new SupplementRequested(At(5)));

        var act = () => dossier.Record(new SupplementReceived(At(4)));

        act.Should().Throw<LifecycleViolationException>().Which.Violation.Rule.Should().Be(LifecycleRule.ClockStops);
        dossier.Version.Should().Be(2, "a refused event leaves the dossier unchanged");
    }

    [Fact]
    public void Equal_instants_keep_their_append_order()
    {
        var dossier = Dossier.FromHistory(Code, [Received(), new SupplementRequested(At(3)), new SupplementReceived(At(3)), new DossierPaused(At(3))]);

        dossier.History.Select(e => e.TypeName).Should().Equal("received", "supplement_requested", "supplement_received", "paused");
        ShouldBreak(LifecycleRule.ClockStops, "supplement_received", Received(), new SupplementReceived(At(3)), new SupplementRequested(At(3)));
    }
}
