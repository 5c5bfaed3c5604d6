using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Tests.Deadlines;

public class DueRulesTests
{
    private static Instant Local(int day, int hour, int minute = 0, int second = 0) =>
        VietnamTime.ToInstant(new LocalDateTime(2022, 6, day, hour, minute, second));

    [Theory]
    [InlineData(10, 23, 59, 59, TimelinessPrecision.Day, Timeliness.OnTime)]
    [InlineData(10, 17, 0, 1, TimelinessPrecision.Day, Timeliness.OnTime)]
    [InlineData(10, 17, 0, 1, TimelinessPrecision.Instant, Timeliness.Late)]
    [InlineData(10, 17, 0, 0, TimelinessPrecision.Instant, Timeliness.OnTime)]
    [InlineData(10, 0, 0, 0, TimelinessPrecision.Instant, Timeliness.OnTime)]
    [InlineData(9, 23, 59, 59, TimelinessPrecision.Day, Timeliness.Early)]
    [InlineData(9, 23, 59, 59, TimelinessPrecision.Instant, Timeliness.Early)]
    [InlineData(11, 0, 0, 0, TimelinessPrecision.Day, Timeliness.Late)]
    public void A_finish_is_judged_against_a_due_of_17h00_on_10_June(int day, int hour, int minute, int second, TimelinessPrecision precision, Timeliness expected) =>
        DueRules.JudgeFinish(Local(day, hour, minute, second), Local(10, 17), precision).Should().Be(expected);

    [Fact]
    public void A_due_at_midnight_belongs_to_its_own_date()
    {
        DueRules.JudgeFinish(Local(10, 0, 0, 0), Local(10, 0), TimelinessPrecision.Day).Should().Be(Timeliness.OnTime);
        DueRules.JudgeFinish(Local(9, 23, 59, 59), Local(10, 0), TimelinessPrecision.Day).Should().Be(Timeliness.Early);
    }

    [Fact]
    public void Pending_at_the_end_is_overdue_by_day_only_when_the_due_date_is_before_the_last_date()
    {
        var window = new ReportingWindow(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 10));

        DueRules.IsOverdueAtEnd(Local(10, 0), window.To, TimelinessPrecision.Day).Should().BeFalse();
        DueRules.IsOverdueAtEnd(Local(9, 23, 59, 59), window.To, TimelinessPrecision.Day).Should().BeTrue();
        DueRules.IsOverdueAtEnd(Local(10, 23, 59, 59), window.To, TimelinessPrecision.Instant).Should().BeTrue();
        DueRules.IsOverdueAtEnd(Local(11, 0), window.To, TimelinessPrecision.Instant).Should().BeFalse();
    }

    [Fact]
    public void A_closing_without_a_due_extends_the_due_by_the_stop_and_one_with_a_due_sets_it_even_earlier()
    {
        DueRules.DueAfterStop(Local(10, 17), Local(5, 9), Local(7, 9), null).Should().Be(Local(12, 17));
        DueRules.DueAfterStop(Local(10, 17), Local(5, 9), Local(7, 9), Local(8, 8)).Should().Be(Local(8, 8));
    }

    [Fact]
    public void A_dossier_pending_in_an_open_stop_is_judged_at_the_stop_opening()
    {
        var facts = DossierFacts.FromHistory(new DossierCode("X"),
        [
            new DossierReceived(Local(1, 8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, Local(5, 17)),
            new SupplementRequested(Local(4, 9)),
        ])!;
        var laterWindow = new ReportingWindow(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

        PeriodStatistics.Classify(facts, laterWindow, ReportPolicy.Default).Outcome.Should().Be(StatisticsCell.PendingWithin, "the due had not passed when the clock stopped");
        PeriodStatistics.Classify(facts, laterWindow, ReportPolicy.Default with { Precision = TimelinessPrecision.Instant }).Outcome.Should().Be(StatisticsCell.PendingWithin);
    }

    [Fact]
    public void A_terminal_event_during_an_open_stop_is_judged_at_the_opening_with_the_due_before_it()
    {
        var facts = DossierFacts.FromHistory(new DossierCode("X"),
        [
            new DossierReceived(Local(1, 8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, Local(5, 17)),
            new DossierPaused(Local(5, 18)),
            new DossierResolved(Local(20, 9)),
        ])!;

        facts.TimelinessByDay.Should().Be(Timeliness.OnTime);
        facts.TimelinessByInstant.Should().Be(Timeliness.Late);
    }

    [Fact]
    public void An_overdue_notice_changes_nothing()
    {
        DossierEvent[] history =
        [
            new DossierReceived(Local(1, 8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, Local(5, 17)),
            new DossierResolved(Local(6, 9)),
        ];
        var without = DossierFacts.FromHistory(new DossierCode("X"), history)!;
        var with = DossierFacts.FromHistory(new DossierCode("X"), [history[0], new DossierOverdue(Local(3, 9), Local(30, 17)), history[1]])!;

        with.TimelinessByDay.Should().Be(without.TimelinessByDay).And.Be(Timeliness.Late);
        with.Segments.Should().Equal(without.Segments);
    }
}
