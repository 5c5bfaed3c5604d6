using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Statistics;
using static ParLedger.Tests.BoundaryHistories;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// The public contracts of the statistics fold around the window rules: argument checks, the ordinal order of
/// <c>explain</c>, the identity checked on every row (SPEC §4), the thresholds of SPEC §5, and the facts a history
/// folds into (first overdue notice, deadline segments of SPEC §3). Expected values derived by hand.
/// </summary>
public class StatisticsContractTests
{
    [Fact]
    public void The_statistics_functions_refuse_null_arguments_by_name()
    {
        FluentActions.Invoking(() => PeriodStatistics.Classify(null!, June, ByDay)).Should().Throw<ArgumentNullException>().WithParameterName("facts");
        FluentActions.Invoking(() => PeriodStatistics.KeyOf(null!, Breakdown.Agency)).Should().Throw<ArgumentNullException>().WithParameterName("facts");
        FluentActions.Invoking(() => PeriodStatistics.Compute(null!, June, ByDay)).Should().Throw<ArgumentNullException>().WithParameterName("dossiers");
        FluentActions.Invoking(() => PeriodStatistics.Assemble(June, null, ByDay, default, null!)).Should().Throw<ArgumentNullException>().WithParameterName("rows");
        FluentActions.Invoking(() => ParLedger.Audit.CellExplainer.Explain(null!, June, ByDay, StatisticsCell.PendingWithin)).Should().Throw<ArgumentNullException>().WithParameterName("dossiers");
        FluentActions.Invoking(() => ServiceIndex.Compute(null!, June, ByDay)).Should().Throw<ArgumentNullException>().WithParameterName("dossiers");
        FluentActions.Invoking(() => new DossierFold().Apply(null!)).Should().Throw<ArgumentNullException>().WithParameterName("e");
    }

    [Fact]
    public void Explain_lists_the_codes_of_a_cell_in_ordinal_order_whatever_the_order_of_the_facts()
    {
        var facts = Fold(
            Received("b-2", "2022-06-02T09:00:00+07:00", "2022-07-20T17:00:00+07:00"),
            Received("B-1", "2022-06-03T09:00:00+07:00", "2022-07-20T17:00:00+07:00"),
            Received("a-3", "2022-06-04T09:00:00+07:00", "2022-07-20T17:00:00+07:00"));

        // Ordinal (code-point) order: 'B' (0x42) < 'a' (0x61) < 'b' (0x62).
        ParLedger.Audit.CellExplainer.Explain(facts.Reverse(), June, ByDay, StatisticsCell.PendingWithin).Select(e => e.Code.Value).Should().Equal("B-1", "a-3", "b-2");
        ParLedger.Audit.CellExplainer.Explain(facts, June, ByDay, StatisticsCell.ReceivedDirect).Select(e => e.Code.Value).Should().Equal("B-1", "a-3", "b-2");
    }

    [Fact]
    public void Assemble_refuses_a_row_that_breaks_the_identity_even_when_the_totals_hold_it()
    {
        var holds = None with { ReceivedDirect = 1, PendingWithin = 1 };
        var broken = None with { ReceivedDirect = 1 };

        FluentActions.Invoking(() => PeriodStatistics.Assemble(June, null, ByDay, holds, [new ReportRow(Breakdown.Agency, "000.00.36.H57", broken)]))
            .Should().Throw<StatisticsIdentityException>().WithMessage("*agency '000.00.36.H57'*1 != 0 + 0 + 0*");
        FluentActions.Invoking(() => PeriodStatistics.Assemble(June, null, ByDay, broken, []))
            .Should().Throw<StatisticsIdentityException>().WithMessage("Row total breaks the identity*");
        PeriodStatistics.Assemble(June, null, ByDay, holds, [new ReportRow(Breakdown.Agency, "000.00.36.H57", holds), new ReportRow(Breakdown.Agency, "X", None)])
            .Rows.Should().ContainSingle().Which.Key.Should().Be("000.00.36.H57");
    }

    [Fact]
    public void The_rates_carry_the_thresholds_of_SPEC_section_5_or_those_given()
    {
        var facts = Fold(Received("D", "2022-06-02T09:00:00+07:00", "2022-07-20T17:00:00+07:00", "online"));

        ServiceIndex.Compute(facts, June, ByDay).ToDictionary(r => r.Number, r => r.Threshold).Should().Equal(new Dictionary<string, double?>
        {
            ["2.1"] = null, ["3.3"] = 0.5, ["3.6"] = null, ["4.1"] = null, ["4.2"] = 0.8, ["4.3"] = 0.8, ["5.4"] = 0.9,
        });
        var given = new Dictionary<ServiceIndicator, double> { [ServiceIndicator.OnlineSubmission] = 0.6 };
        var rates = ServiceIndex.Compute(facts, June, ByDay, new Dictionary<ServiceIndicator, double> { [ServiceIndicator.OnlineSubmission] = 10 }, given)
            .ToDictionary(r => r.Number);
        rates["3.3"].Threshold.Should().Be(0.6);
        rates["5.4"].Threshold.Should().BeNull("only the given thresholds apply");
        rates["3.3"].Points.Should().Be(10, "1 online of 1 new is over the threshold: the maximum");
    }

    [Fact]
    public void The_first_overdue_notice_is_kept_not_the_last()
    {
        var facts = Fold(
            Received("D", "2022-06-01T09:00:00+07:00", "2022-06-10T17:00:00+07:00"),
            Event("D", "overdue", "2022-06-11T09:00:00+07:00"),
            Event("D", "overdue", "2022-06-20T09:00:00+07:00")).Single();

        facts.FirstOverdueNoticeAt.Should().Be(Instant.FromUtc(2022, 6, 11, 2, 0));
    }

    [Fact]
    public void A_history_folds_into_one_deadline_segment_per_receipt_opening_and_closing()
    {
        var facts = Fold(
            Received("D", "2022-06-01T09:00:00+07:00", "2022-06-10T17:00:00+07:00"),
            Event("D", "supplement_requested", "2022-06-11T09:00:00+07:00"),
            Event("D", "supplement_received", "2022-06-13T09:00:00+07:00")).Single();

        static Instant Local(int day, int hour) => Instant.FromUtc(2022, 6, day, hour - 7, 0);

        // Running from the receipt with ED = 10/6 17:00; stopped at 11/6 09:00, overdue then by day and instant;
        // running again from 13/6 09:00 with ED grown by the 2-day stop to 12/6 17:00. Running segments carry no
        // overdue-at-stop verdict.
        facts.Segments.Should().Equal(
            new DueSegment(Local(1, 9), false, Local(10, 17), false, false),
            new DueSegment(Local(11, 9), true, Local(10, 17), true, true),
            new DueSegment(Local(13, 9), false, Local(12, 17), false, false));
        facts.SecondSupplementRequestAt.Should().BeNull("only one supplement was requested");
    }
}
