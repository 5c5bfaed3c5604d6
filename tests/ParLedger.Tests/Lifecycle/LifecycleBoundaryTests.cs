using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;

namespace ParLedger.Tests.Lifecycle;

/// <summary>
/// The lifecycle rules of SPEC §2 at their edges, through <see cref="LifecycleChecker"/> and <see cref="LifecycleRules"/>:
/// instants equal to <c>at</c> are allowed (rule 2 says "not earlier"), every event rule 3 allows after a terminal one is
/// accepted, and a violation names the position of the offending event in the history.
/// </summary>
public class LifecycleBoundaryTests
{
    private static readonly DossierCode Code = new("H57-220601-0001");
    private static readonly Instant T0 = Instant.FromUtc(2022, 6, 1, 2, 0);

    private static Instant At(int hours) => T0 + Duration.FromHours(hours);

    private static DossierReceived Received(int dueHours = 120) =>
        new(At(0), new AgencyCode("000.00.36.H57"), new ProcedureCode("1.001234"), null, AdministrativeLevel.District, ReceiptChannel.Direct, At(dueHours));

    [Fact]
    public void A_recorded_instant_or_a_due_equal_to_at_is_not_earlier_than_it()
    {
        LifecycleRules.Check(Code,
        [
            Received(dueHours: 0) with { Recorded = At(0) },
            new SupplementRequested(At(1)) { Recorded = At(1) },
            new SupplementReceived(At(2), At(2)),
            new DossierPaused(At(3)),
            new DossierResumed(At(4), At(4)),
        ]).Should().BeNull();
    }

    [Fact]
    public void A_recorded_instant_a_tick_before_at_is_refused()
    {
        var violation = LifecycleRules.Check(Code, [Received(), new DossierTransferred(At(1), new AgencyCode("H57.07")) { Recorded = At(1) - Duration.Epsilon }]);

        violation.Should().NotBeNull();
        violation!.Rule.Should().Be(LifecycleRule.InstantsNotBeforeAt);
        violation.Index.Should().Be(1);
    }

    [Fact]
    public void A_resumed_due_a_tick_before_its_at_is_refused()
    {
        var violation = LifecycleRules.Check(Code, [Received(), new DossierPaused(At(1)), new DossierResumed(At(2), At(2) - Duration.Epsilon)]);

        violation!.Rule.Should().Be(LifecycleRule.InstantsNotBeforeAt);
        violation.Index.Should().Be(2);
    }

    [Fact]
    public void Every_event_rule_3_allows_after_the_terminal_one_is_accepted_in_any_order()
    {
        LifecycleRules.Check(Code,
        [
            Received(),
            new DossierResolved(At(5), ResolutionOutcome.Approved, true),
            new DossierRated(At(6), true),
            new DossierDigitized(At(7), false),
            new FeePaid(At(8), true),
            new ResultReturned(At(9)),
            new DossierRated(At(10), false),
            new FeePaid(At(11), false),
        ]).Should().BeNull();
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("withdrawn")]
    public void Fees_digitisations_and_ratings_may_follow_every_terminal_kind(string terminal)
    {
        DossierEvent end = terminal == "stopped" ? new DossierStopped(At(5)) : new DossierWithdrawn(At(5));

        LifecycleRules.Check(Code, [Received(), end, new FeePaid(At(6), true), new DossierDigitized(At(7), true), new DossierRated(At(8), true)])
            .Should().BeNull();
    }

    [Theory]
    [InlineData("supplement_requested")]
    [InlineData("paused")]
    [InlineData("supplement_received")]
    [InlineData("resumed")]
    [InlineData("received")]
    public void Any_other_event_after_the_terminal_one_breaks_rule_3_or_rule_1(string type)
    {
        DossierEvent after = type switch
        {
            "supplement_requested" => new SupplementRequested(At(6)),
            "paused" => new DossierPaused(At(6)),
            "supplement_received" => new SupplementReceived(At(6)),
            "resumed" => new DossierResumed(At(6)),
            _ => Received() with { At = At(6), Recorded = At(6) },
        };

        var violation = LifecycleRules.Check(Code, [Received(), new DossierResolved(At(5)), after]);

        violation!.Rule.Should().Be(type == "received" ? LifecycleRule.ReceivedFirstAndOnce : LifecycleRule.SingleTerminal);
        violation.Index.Should().Be(2);
        violation.Event.Should().Be(after);
        violation.Dossier.Should().Be(Code);
    }

    [Fact]
    public void A_result_returned_before_any_terminal_event_or_after_a_stop_breaks_rule_6()
    {
        LifecycleRules.Check(Code, [Received(), new ResultReturned(At(1))])!.Rule.Should().Be(LifecycleRule.AfterTerminalOnly);
        LifecycleRules.Check(Code, [Received(), new DossierStopped(At(1)), new ResultReturned(At(2))])!.Rule.Should().Be(LifecycleRule.AfterTerminalOnly);
    }

    [Fact]
    public void An_overdue_notice_before_the_terminal_event_and_a_transfer_to_the_holder_are_accepted()
    {
        LifecycleRules.Check(Code,
        [
            Received(),
            new DossierTransferred(At(1), new AgencyCode("000.00.36.H57")),
            new DossierOverdue(At(130)),
            new DossierResolved(At(131)),
        ]).Should().BeNull();
    }

    [Fact]
    public void A_checker_counts_the_events_it_has_seen_in_the_violation_index()
    {
        var checker = new LifecycleChecker(Code);

        checker.Next(Received()).Should().BeNull();
        checker.Next(new SupplementRequested(At(1))).Should().BeNull();
        checker.Next(new SupplementReceived(At(2))).Should().BeNull();
        checker.Next(new DossierPaused(At(3))).Should().BeNull();
        var violation = checker.Next(new SupplementRequested(At(4)));

        violation!.Index.Should().Be(4);
        violation.Rule.Should().Be(LifecycleRule.ClockStops);
        violation.Problem.Should().Contain("'paused' stop");
    }

    [Fact]
    public void A_first_event_that_is_not_received_is_refused_at_index_0_even_with_valid_instants()
    {
        var violation = LifecycleRules.Check(Code, [new FeePaid(At(0), true), Received()]);

        violation!.Rule.Should().Be(LifecycleRule.ReceivedFirstAndOnce);
        violation.Index.Should().Be(0);
    }
    [Fact]
    public void A_closing_of_the_wrong_kind_is_told_which_closing_the_open_stop_needs()
    {
        var wrongForSupplement = LifecycleRules.Check(Code, [Received(), new SupplementRequested(At(1)), new DossierResumed(At(2))]);
        var wrongForPause = LifecycleRules.Check(Code, [Received(), new DossierPaused(At(1)), new SupplementReceived(At(2))]);

        wrongForSupplement!.Rule.Should().Be(LifecycleRule.ClockStops);
        wrongForSupplement.Problem.Should().EndWith("(supplement_received closes it).");
        wrongForPause!.Rule.Should().Be(LifecycleRule.ClockStops);
        wrongForPause.Problem.Should().EndWith("(resumed closes it).");
    }
    [Fact]
    public void A_checker_refuses_a_null_event_by_name()
    {
        FluentActions.Invoking(() => new LifecycleChecker(Code).Next(null!)).Should().Throw<ArgumentNullException>().WithParameterName("e");
    }
}
