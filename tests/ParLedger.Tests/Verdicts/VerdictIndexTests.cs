using CsCheck;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;
using ParLedger.Verdicts;
using ProvinceReport;

namespace ParLedger.Tests.Verdicts;

/// <summary>
/// The verdict path (issue 10): each dossier's verdicts as dated changes, any window's report as prefix sums. Proved
/// equal to the replay's window rules on generated edge-heavy histories, on the golden reports and on the published
/// Đồng Tháp table; one dossier's verdicts are pinned by hand for the shapes SPEC §3 describes.
/// </summary>
public class VerdictIndexTests
{
    private static readonly Gen<ReportPolicy> Policies =
        Gen.Select(Gen.Enum<WithdrawnPolicy>(), Gen.Enum<TimelinessPrecision>(), (withdrawn, precision) => new ReportPolicy(withdrawn, precision));

    private static readonly Gen<Instant?> AsOfs = Gen.Frequency((2, Gen.Const((Instant?)null)), (1, RandomHistories.AsOfs.Select(t => (Instant?)t)));

    [Fact]
    public void Every_window_of_the_verdict_index_equals_the_replay_on_generated_histories_for_both_policies_and_every_breakdown()
    {
        Gen.Select(RandomHistories.Histories(1, 60), RandomHistories.Windows.Array[8], Policies, AsOfs).Sample((lines, windows, policy, asOf) =>
        {
            var facts = HistoryReplay.Fold(lines, asOf);
            var index = VerdictIndex.Build(facts);
            foreach (var window in windows)
            {
                foreach (var by in new Breakdown?[] { null, Breakdown.Agency, Breakdown.Level, Breakdown.Field, Breakdown.Procedure, Breakdown.Channel })
                {
                    index.Report(window, policy, by, asOf).Should().Be(PeriodStatistics.Compute(facts, window, policy, by, asOf), $"window {window}, by {by}");
                }
            }
        }, iter: 300, print: t => $"{t.Item3}, as of {t.Item4}, windows {string.Join(", ", t.Item2)}: {RandomHistories.Print(t.Item1)}");
    }

    [Fact]
    public void Every_windows_service_index_from_the_verdict_index_equals_the_one_summed_dossier_by_dossier()
    {
        Gen.Select(RandomHistories.Histories(1, 60), RandomHistories.Windows.Array[8], Policies, AsOfs).Sample((lines, windows, policy, asOf) =>
        {
            var facts = HistoryReplay.Fold(lines, asOf);
            var index = VerdictIndex.Build(facts);
            foreach (var window in windows)
            {
                index.Rates(window, policy).Should().Equal(ServiceIndex.Compute(facts, window, policy), $"window {window}");
            }
        }, iter: 200, print: t => $"{t.Item3}, as of {t.Item4}, windows {string.Join(", ", t.Item2)}: {RandomHistories.Print(t.Item1)}");
    }

    [Fact]
    public void The_generated_histories_give_late_changes_of_every_qualified_cell_in_both_directions()
    {
        // Without them the late-change path (pl_verdict_late, VerdictIndex's late list) would go untested.
        var facts = HistoryReplay.Fold(RandomHistories.Generate(7, 2_000));
        var late = facts.SelectMany(f => DossierVerdicts.Of(f)).Where(v => v.IsLate).ToList();
        foreach (var cell in new[] { VerdictCell.PaidOnline, VerdictCell.Reused, VerdictCell.ResolvedElectronicDigitized, VerdictCell.UnsatisfiedEarlyOrOnTimeByDay, VerdictCell.UnsatisfiedEarlyOrOnTimeByInstant, VerdictCell.UnsatisfiedWithdrawn })
        {
            late.Count(v => v.Cell == cell && v.Change > 0).Should().BeGreaterThan(5, $"late changes turning {cell} on");
        }

        foreach (var cell in new[] { VerdictCell.UnsatisfiedEarlyOrOnTimeByDay, VerdictCell.UnsatisfiedWithdrawn })
        {
            late.Count(v => v.Cell == cell && v.Change < 0).Should().BeGreaterThan(5, $"late changes turning {cell} off");
        }
    }

    public static IEnumerable<object[]> Goldens => ConformanceCase.Names();

    [Theory]
    [MemberData(nameof(Goldens))]
    public void The_verdict_path_reproduces_every_golden_report(string name)
    {
        var golden = ConformanceCase.Named(name);
        var facts = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath), golden.Expected.AsOf);

        var report = VerdictIndex.Build(facts).Report(golden.Expected.Window, golden.Expected.Policy, golden.By, golden.Expected.AsOf);

        report.ShouldHaveSameFiguresAs(golden.Expected, name);
    }

    [Fact]
    public void The_verdict_path_reproduces_the_published_Dong_Thap_table()
    {
        var published = PublishedTable.DongThap2022H1;
        var index = VerdictIndex.Build(HistoryReplay.Fold(SyntheticHistory.Generate(published)));

        var total = index.Report(published.Window, ReportPolicy.Default).Total;

        // The published figures of seed document 003 (Đồng Tháp, 15/12/2021–14/6/2022).
        total.Should().Be(new StatisticsCells(
            CarriedOver: 14_070, ReceivedOnline: 60_705, ReceivedDirect: total.ReceivedDirect, ReceivedPostal: 260_670 - total.ReceivedDirect,
            ResolvedEarly: 265_055, ResolvedOnTime: 34_539, ResolvedLate: 6_139, Withdrawn: 0, PendingWithin: 27_781, PendingOverdue: 1_931));
    }

    /// <summary>
    /// The worked example of docs/domain.md: received Monday 10/01/2022 10:00 online, due Wednesday 12/01 17:00; a
    /// supplement is requested on Friday 14/01 09:00 (already late: overdue at the stop under both precisions) and
    /// received on Tuesday 18/01 08:00 with a new due of Friday 21/01 17:00 (within again); resolved on Monday 24/01.
    /// </summary>
    [Fact]
    public void One_dossiers_verdicts_are_the_dated_changes_of_the_worked_example()
    {
        static Instant At(int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 1, day, hour, 0));
        var facts = DossierFacts.FromHistory(new DossierCode("X-1"),
        [
            new DossierReceived(At(10, 10), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, At(12, 17)),
            new SupplementRequested(At(14, 9)),
            new SupplementReceived(At(18, 8), At(21, 17)),
            new DossierResolved(At(24, 9)),
        ])!;

        static VerdictDelta D(VerdictCell cell, int day, int change) => new(cell, new LocalDate(2022, 1, day), change);
        DossierVerdicts.Of(facts).Should().Equal(
            D(VerdictCell.Open, 10, +1), D(VerdictCell.Open, 24, -1),
            D(VerdictCell.OverdueByDay, 13, +1), D(VerdictCell.OverdueByDay, 18, -1), D(VerdictCell.OverdueByDay, 22, +1), D(VerdictCell.OverdueByDay, 24, -1),
            D(VerdictCell.OverdueByInstant, 12, +1), D(VerdictCell.OverdueByInstant, 18, -1), D(VerdictCell.OverdueByInstant, 21, +1), D(VerdictCell.OverdueByInstant, 24, -1),
            D(VerdictCell.ReceivedOnline, 10, +1),
            D(VerdictCell.LateByDay, 24, +1),
            D(VerdictCell.LateByInstant, 24, +1),
            D(VerdictCell.Resolved, 24, +1));
    }

    [Fact]
    public void The_service_index_verdicts_of_a_dossier_paid_digitised_and_rated_after_its_points_are_late_changes()
    {
        // Received online on 10/1 with fees to pay, due 20/1; asked twice for supplements (11/1 and 13/1, each answered
        // the same day without a new due, so the due moves by a few hours only); paid online on 12/1; resolved with an
        // electronic result on 14/1 (early); digitised on 16/1; rated unsatisfied on 17/1, then satisfied on 19/1.
        static Instant At(int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 1, day, hour, 0));
        var facts = DossierFacts.FromHistory(new DossierCode("X-3"),
        [
            new DossierReceived(At(10, 10), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, At(20, 17), FeeRequired: true),
            new SupplementRequested(At(11, 9)),
            new SupplementReceived(At(11, 10)),
            new FeePaid(At(12, 9), Online: true),
            new SupplementRequested(At(13, 9)),
            new SupplementReceived(At(13, 10)),
            new DossierResolved(At(14, 9), ElectronicResult: true),
            new DossierDigitized(At(16, 9)),
            new DossierRated(At(17, 9), Satisfied: false),
            new DossierRated(At(19, 9), Satisfied: true),
        ])!;

        static VerdictDelta D(VerdictCell cell, int day, int change, int? point = null) =>
            new(cell, new LocalDate(2022, 1, day), change, point is { } p ? new LocalDate(2022, 1, p) : null);
        DossierVerdicts.Of(facts).Should().BeEquivalentTo(new[]
        {
            D(VerdictCell.Open, 10, +1), D(VerdictCell.Open, 14, -1),
            D(VerdictCell.ReceivedOnline, 10, +1),
            D(VerdictCell.ReceivedFeeRequired, 10, +1),
            D(VerdictCell.PaidOnline, 12, +1, point: 10),
            D(VerdictCell.WithinSupplementedTwiceByDay, 13, +1), D(VerdictCell.WithinSupplementedTwiceByDay, 14, -1),
            D(VerdictCell.WithinSupplementedTwiceByInstant, 13, +1), D(VerdictCell.WithinSupplementedTwiceByInstant, 14, -1),
            D(VerdictCell.EarlyByDay, 14, +1), D(VerdictCell.EarlyByInstant, 14, +1),
            D(VerdictCell.EarlyOrOnTimeSupplementedTwiceByDay, 14, +1), D(VerdictCell.EarlyOrOnTimeSupplementedTwiceByInstant, 14, +1),
            D(VerdictCell.UnsatisfiedEarlyOrOnTimeByDay, 17, +1, point: 14), D(VerdictCell.UnsatisfiedEarlyOrOnTimeByDay, 19, -1, point: 14),
            D(VerdictCell.UnsatisfiedEarlyOrOnTimeByInstant, 17, +1, point: 14), D(VerdictCell.UnsatisfiedEarlyOrOnTimeByInstant, 19, -1, point: 14),
            D(VerdictCell.Resolved, 14, +1), D(VerdictCell.ResolvedElectronic, 14, +1),
            D(VerdictCell.ResolvedElectronicDigitized, 16, +1, point: 14),
        });

        // The window 15/1..18/1 holds none of the points (received 10/1, resolved 14/1): their late changes inside it do not count.
        var window = new ReportingWindow(new LocalDate(2022, 1, 15), new LocalDate(2022, 1, 18));
        ServiceIndex.Compute([facts], window, ReportPolicy.Default).Should().OnlyContain(r => r.Denominator == 0);

        // The window 14/1..18/1 holds the resolution: 4.2 counts the digitisation of 16/1; 5.4 excludes the dossier,
        // whose last rating by 18/1 says unsatisfied; 2.1 excludes it (two supplement requests).
        var rates = ServiceIndex.Compute([facts], new ReportingWindow(new LocalDate(2022, 1, 14), new LocalDate(2022, 1, 18)), ReportPolicy.Default)
            .ToDictionary(r => r.Number, r => (r.Numerator, r.Denominator));
        rates["2.1"].Should().Be((0L, 1L));
        rates["4.1"].Should().Be((1L, 1L));
        rates["4.2"].Should().Be((1L, 1L));
        rates["5.4"].Should().Be((0L, 1L));
        rates["3.3"].Should().Be((0L, 0L));

        // Ending on 19/1, the last rating is satisfied: 5.4 counts it. Beginning on 10/1, 3.6 counts the payment of 12/1.
        rates = ServiceIndex.Compute([facts], new ReportingWindow(new LocalDate(2022, 1, 10), new LocalDate(2022, 1, 19)), ReportPolicy.Default)
            .ToDictionary(r => r.Number, r => (r.Numerator, r.Denominator));
        rates["5.4"].Should().Be((1L, 1L));
        rates["3.6"].Should().Be((1L, 1L));
        rates["3.3"].Should().Be((1L, 1L));
        rates["4.3"].Should().Be((0L, 1L));

        // Ending on 11/1, the payment of 12/1 is not in time.
        rates = ServiceIndex.Compute([facts], new ReportingWindow(new LocalDate(2022, 1, 10), new LocalDate(2022, 1, 11)), ReportPolicy.Default)
            .ToDictionary(r => r.Number, r => (r.Numerator, r.Denominator));
        rates["3.6"].Should().Be((0L, 1L));
        rates["2.1"].Should().Be((1L, 1L), "pending within its due, asked for supplements once by 11/1");
    }

    [Fact]
    public void A_rating_on_the_day_of_the_resolution_qualifies_the_point_itself_not_a_late_change()
    {
        static Instant At(int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 1, 14, hour, 0));
        var facts = DossierFacts.FromHistory(new DossierCode("X-4"),
        [
            new DossierReceived(At(8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, At(17)),
            new DossierResolved(At(9)),
            new DossierRated(At(15), Satisfied: false),
        ])!;

        DossierVerdicts.Of(facts).Where(v => v.Cell == VerdictCell.UnsatisfiedEarlyOrOnTimeByDay)
            .Should().Equal(new VerdictDelta(VerdictCell.UnsatisfiedEarlyOrOnTimeByDay, new LocalDate(2022, 1, 14), 1));
    }

    [Fact]
    public void A_dossier_received_and_finished_on_one_day_is_never_open_at_a_days_end()
    {
        static Instant At(int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, 3, 1, hour, 0));
        var facts = DossierFacts.FromHistory(new DossierCode("X-2"),
        [
            new DossierReceived(At(8), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Postal, At(17)),
            new DossierWithdrawn(At(9)),
        ])!;

        DossierVerdicts.Of(facts).Should().Equal(
            new VerdictDelta(VerdictCell.ReceivedPostal, new LocalDate(2022, 3, 1), 1),
            new VerdictDelta(VerdictCell.Withdrawn, new LocalDate(2022, 3, 1), 1));
    }
}
