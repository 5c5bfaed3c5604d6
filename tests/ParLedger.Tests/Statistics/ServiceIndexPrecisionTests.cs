using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// The SPEC §5 exclusions under each precision: a dossier finished on its due date after the due's time is on time by
/// day and late by instant (SPEC §3), so the two precisions must read their own cells.
/// </summary>
public class ServiceIndexPrecisionTests
{
    private static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));
    private static readonly ReportPolicy ByDay = ReportPolicy.Default;
    private static readonly ReportPolicy ByInstant = ReportPolicy.Default with { Precision = TimelinessPrecision.Instant };

    private static Instant At(int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 6, day, hour, 0));

    private static DossierReceived Received(int dueDay) =>
        new(At(1, 8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, At(dueDay, 17));

    // Two supplement requests, each answered at the same instant without a new due: the due does not move.
    private static DossierEvent[] TwoSupplements =>
        [new SupplementRequested(At(2, 9)), new SupplementReceived(At(2, 9)), new SupplementRequested(At(3, 9)), new SupplementReceived(At(3, 9))];

    private static (long, long) Rate(DossierFacts facts, ReportPolicy policy, ServiceIndicator indicator) =>
        ServiceIndex.Compute([facts], June, policy).Single(r => r.Indicator == indicator) is var r ? (r.Numerator, r.Denominator) : default;

    [Fact]
    public void A_dossier_supplemented_twice_and_resolved_on_its_due_date_after_the_due_time_is_left_out_of_2_1_under_both_precisions()
    {
        var facts = DossierFacts.FromHistory(new DossierCode("X"), [Received(10), .. TwoSupplements, new DossierResolved(At(10, 23))])!;

        Rate(facts, ByDay, ServiceIndicator.OnTime).Should().Be((0L, 1L), "on time by day, but asked for supplements twice");
        Rate(facts, ByInstant, ServiceIndicator.OnTime).Should().Be((0L, 1L), "late by instant");
    }

    [Fact]
    public void A_dossier_supplemented_twice_and_pending_at_the_end_with_its_due_on_the_last_day_is_left_out_of_2_1_under_both_precisions()
    {
        var facts = DossierFacts.FromHistory(new DossierCode("X"), [Received(30), .. TwoSupplements])!;

        Rate(facts, ByDay, ServiceIndicator.OnTime).Should().Be((0L, 1L), "within its due by day (date(ED) is the last date), but supplemented twice");
        Rate(facts, ByInstant, ServiceIndicator.OnTime).Should().Be((0L, 1L), "overdue by instant (ED 30/6 17:00 is before the end)");
        PeriodStatistics.Compute([facts], June, ByDay).Total.PendingWithin.Should().Be(1);
        PeriodStatistics.Compute([facts], June, ByInstant).Total.PendingOverdue.Should().Be(1);
    }

    [Fact]
    public void An_unsatisfied_dossier_resolved_on_its_due_date_after_the_due_time_is_left_out_of_5_4_as_on_time_by_day_and_as_late_by_instant()
    {
        var facts = DossierFacts.FromHistory(new DossierCode("X"), [Received(10), new DossierResolved(At(10, 23)), new DossierRated(At(11, 9), Satisfied: false)])!;

        Rate(facts, ByDay, ServiceIndicator.Satisfaction).Should().Be((0L, 1L), "on time by day, rated unsatisfied");
        Rate(facts, ByInstant, ServiceIndicator.Satisfaction).Should().Be((0L, 1L), "late by instant");
        Rate(facts, ByDay, ServiceIndicator.OnTime).Should().Be((1L, 1L));
        Rate(facts, ByInstant, ServiceIndicator.OnTime).Should().Be((0L, 1L));
    }

    [Fact]
    public void A_withdrawn_dossier_supplemented_twice_is_out_of_2_1_altogether_when_withdrawn_counts_separately()
    {
        var withdrawn = DossierFacts.FromHistory(new DossierCode("W"), [Received(10), .. TwoSupplements, new DossierWithdrawn(At(5, 9))])!;
        var resolved = DossierFacts.FromHistory(new DossierCode("R"), [Received(10), new DossierResolved(At(5, 9))])!;

        ServiceIndex.Compute([withdrawn, resolved], June, ByDay).Single(r => r.Indicator == ServiceIndicator.OnTime)
            .Should().Match<IndicatorRate>(r => r.Numerator == 1 && r.Denominator == 1, "a separately counted withdrawal is neither in RES nor excluded from it");
        ServiceIndex.Compute([withdrawn, resolved], June, ByDay with { Withdrawn = WithdrawnPolicy.ResolvedOnTime }).Single(r => r.Indicator == ServiceIndicator.OnTime)
            .Should().Match<IndicatorRate>(r => r.Numerator == 1 && r.Denominator == 2, "counted as on time, but asked for supplements twice");
    }
}
