using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Tests.Statistics;

public class ServiceIndexTests
{
    private static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

    private static Instant Day(int day, int hour = 9) => VietnamTime.ToInstant(new LocalDateTime(2022, 6, day, hour, 0));

    private static DossierFacts Facts(string code, ReceiptChannel channel, bool fee, params DossierEvent[] after)
    {
        DossierEvent[] history = [new DossierReceived(Day(2), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, channel, Day(10), fee), .. after];
        return DossierFacts.FromHistory(new DossierCode(code), history)!;
    }

    [Fact]
    public void Each_rate_counts_its_numerator_and_denominator_as_SPEC_section_5_says()
    {
        DossierFacts[] dossiers =
        [
            // early, electronic result, digitised, paid online, rated satisfied
            Facts("D1", ReceiptChannel.Online, true, new FeePaid(Day(3), true), new DossierDigitized(Day(4), true), new DossierResolved(Day(5), ElectronicResult: true), new DossierRated(Day(6), true)),
            // late: fails 2.1 and 5.4; paper result
            Facts("D2", ReceiptChannel.Direct, true, new FeePaid(Day(3), false), new DossierResolved(Day(20))),
            // on time but asked for supplements twice: fails 2.1 only; rated unsatisfied after the window (not in time)
            Facts("D3", ReceiptChannel.Direct, false, new SupplementRequested(Day(3)), new SupplementReceived(Day(4)), new SupplementRequested(Day(5)), new SupplementReceived(Day(6)), new DossierResolved(Day(12), ElectronicResult: true), new DossierRated(VietnamTime.ToInstant(new LocalDateTime(2022, 7, 2, 9, 0)), false)),
            // pending and overdue at the end (due 10/6); withdrawn dossiers are neither RES nor PEN under 'separate'
            Facts("D4", ReceiptChannel.Postal, false),
            Facts("D5", ReceiptChannel.Online, false, new DossierWithdrawn(Day(3))),
            // stopped: counted in RES but not in 4.1 (terminal is not 'resolved'); rated unsatisfied in time: fails 5.4
            Facts("D6", ReceiptChannel.Direct, false, new DossierStopped(Day(4)), new DossierRated(Day(5), false)),
        ];

        var rates = ServiceIndex.Compute(dossiers, June, ReportPolicy.Default).ToDictionary(r => r.Number);

        (rates["2.1"].Numerator, rates["2.1"].Denominator).Should().Be((2, 5));  // D1, D6 of D1 D2 D3 D4 D6 (D4 is overdue at the end)
        (rates["3.3"].Numerator, rates["3.3"].Denominator).Should().Be((2, 6));  // D1, D5 online
        (rates["3.6"].Numerator, rates["3.6"].Denominator).Should().Be((1, 2));  // D1 of D1, D2
        (rates["4.1"].Numerator, rates["4.1"].Denominator).Should().Be((2, 3));  // D1, D3 of D1 D2 D3
        (rates["4.2"].Numerator, rates["4.2"].Denominator).Should().Be((1, 3));  // D1 digitised
        (rates["4.3"].Numerator, rates["4.3"].Denominator).Should().Be((1, 6));  // D1 reused
        (rates["5.4"].Numerator, rates["5.4"].Denominator).Should().Be((2, 5));  // D1, D3 (D2 late, D4 overdue, D6 unsatisfied)
        rates["3.3"].Rate.Should().BeApproximately(1.0 / 3, 1e-12);
    }

    [Fact]
    public void A_rate_over_no_dossier_is_null_and_points_follow_the_threshold()
    {
        var empty = ServiceIndex.Compute([], June, ReportPolicy.Default);
        empty.Should().OnlyContain(r => r.Rate == null && r.Points == null);

        new IndicatorRate(ServiceIndicator.OnlineSubmission, 30, 100, 0.5, 10).Points.Should().BeApproximately(6, 1e-12);
        new IndicatorRate(ServiceIndicator.OnlineSubmission, 60, 100, 0.5, 10).Points.Should().Be(10);
        new IndicatorRate(ServiceIndicator.OnTime, 60, 100, null, 10).Points.Should().BeApproximately(6, 1e-12);
        new IndicatorRate(ServiceIndicator.OnTime, 60, 100, null, null).Points.Should().BeNull();
    }
}
