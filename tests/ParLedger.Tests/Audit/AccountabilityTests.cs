using CsCheck;
using NodaTime;
using ParLedger.Audit;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Tests.Audit;

public class AccountabilityTests
{
    private static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

    private static Instant At(int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 6, day, hour, 0));

    private static DossierReceived Received(int day, string agency, ReceiptChannel channel, int dueDay) =>
        new(At(day, 8), new AgencyCode(agency), new ProcedureCode("P"), null, AdministrativeLevel.District, channel, At(dueDay, 17));

    [Fact]
    public void The_responsible_agency_is_the_overdue_events_or_else_the_agency_holding_the_dossier_at_its_due()
    {
        var facts = new[]
        {
            // Held by Y from 3/6, before its due of 5/6; resolved late on 8/6: Y answers for it.
            DossierFacts.FromHistory(new DossierCode("A"), [Received(1, "X", ReceiptChannel.Direct, 5), new DossierTransferred(At(3, 9), new AgencyCode("Y")), new DossierResolved(At(8, 9))])!,

            // Its overdue notice names Z: Z answers for it, whoever held it.
            DossierFacts.FromHistory(new DossierCode("B"), [Received(1, "X", ReceiptChannel.Online, 5), new DossierOverdue(At(6, 9), Responsible: new AgencyCode("Z"))])!,

            // An overdue notice without a responsible agency defaults to the holder then: W (transferred on 6/6, noticed on 7/6).
            DossierFacts.FromHistory(new DossierCode("C"), [Received(1, "X", ReceiptChannel.Direct, 5), new DossierTransferred(At(6, 9), new AgencyCode("W")), new DossierOverdue(At(7, 9))])!,

            // Transferred to Y after its due (5/6): X held it when the due passed; resolved late on 10/6.
            DossierFacts.FromHistory(new DossierCode("D"), [Received(2, "X", ReceiptChannel.Online, 5), new DossierTransferred(At(9, 9), new AgencyCode("Y")), new DossierResolved(At(10, 9))])!,

            // Resolved early at X, received online.
            DossierFacts.FromHistory(new DossierCode("E"), [Received(2, "X", ReceiptChannel.Online, 20), new DossierResolved(At(4, 9))])!,
        };

        var rows = Accountability.Compute(facts, June, ReportPolicy.Default);

        rows.Select(r => (r.Agency.Value, r.Overdue)).Should().Equal([("W", 1L), ("X", 1L), ("Y", 1L), ("Z", 1L)], "one overdue dossier each, ties in code order");
        var x = rows.Single(r => r.Agency.Value == "X");
        (x.OnTime.Numerator, x.OnTime.Denominator).Should().Be((1L, 2L), "D late, E early");
        (x.Online.Numerator, x.Online.Denominator).Should().Be((2L, 2L), "D and E were received online");
        var z = rows.Single(r => r.Agency.Value == "Z");
        (z.OnTime.Numerator, z.OnTime.Denominator).Should().Be((0L, 1L), "B is pending overdue");
    }

    [Fact]
    public void The_accountability_rows_sum_to_the_cells_and_rates_of_the_window()
    {
        Gen.Select(RandomHistories.Histories(1, 60), RandomHistories.Windows, Gen.Enum<TimelinessPrecision>()).Sample((lines, window, precision) =>
        {
            var policy = new ReportPolicy(WithdrawnPolicy.Separate, precision);
            var facts = HistoryReplay.Fold(lines);
            var rows = Accountability.Compute(facts, window, policy);
            var report = PeriodStatistics.Compute(facts, window, policy);
            var rates = ServiceIndex.Compute(facts, window, policy);

            rows.Sum(r => r.Overdue).Should().Be(report.Total.ResolvedLate + report.Total.PendingOverdue);
            var onTime = rates.Single(r => r.Indicator == ServiceIndicator.OnTime);
            (rows.Sum(r => r.OnTime.Numerator), rows.Sum(r => r.OnTime.Denominator)).Should().Be((onTime.Numerator, onTime.Denominator));
            var online = rates.Single(r => r.Indicator == ServiceIndicator.OnlineSubmission);
            (rows.Sum(r => r.Online.Numerator), rows.Sum(r => r.Online.Denominator)).Should().Be((online.Numerator, online.Denominator));
            rows.Select(r => r.Overdue).Should().BeInDescendingOrder();
            rows.Select(r => r.Agency).Should().OnlyHaveUniqueItems();
        }, iter: 200, print: t => $"{t.Item2}, {t.Item3}: {RandomHistories.Print(t.Item1)}");
    }
}
