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

public class CellExplainerTests
{
    private static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

    private static Instant At(int month, int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, month, day, hour, 0));

    private static Instant Recorded(int month, int day) => VietnamTime.ToInstant(new LocalDateTime(2022, month, day, 23, 0));

    [Fact]
    public void An_explained_dossier_carries_the_due_in_force_at_its_terminal_event_and_a_pending_one_the_due_at_its_stop()
    {
        var late = DossierFacts.FromHistory(new DossierCode("L-1"),
        [
            new DossierReceived(At(5, 20, 9), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, At(6, 3, 17)),
            new SupplementRequested(At(6, 1, 9)),
            new SupplementReceived(At(6, 2, 9), At(6, 8, 17)),
            new DossierResolved(At(6, 10, 9)),
        ])!;
        var stopped = DossierFacts.FromHistory(new DossierCode("S-1"),
        [
            new DossierReceived(At(6, 5, 9), new AgencyCode("B"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, At(6, 7, 17)),
            new DossierPaused(At(6, 9, 10)),
        ])!;

        var explained = CellExplainer.Explain([late, stopped], June, ReportPolicy.Default, StatisticsCell.ResolvedLate);
        explained.Should().Equal(new ExplainedDossier(
            new DossierCode("L-1"), new AgencyCode("A"), ReceiptChannel.Direct, At(5, 20, 9),
            EffectiveDue: At(6, 8, 17), DecisiveAt: At(6, 10, 9), TerminalKind.Resolved, At(6, 10, 9),
            StatisticsCell.CarriedOver, StatisticsCell.ResolvedLate));

        // Paused on 9/6 after its due of 7/6: overdue at the stop, so pending overdue at the window's end, judged at 9/6 10:00.
        CellExplainer.Explain([late, stopped], June, ReportPolicy.Default, StatisticsCell.PendingOverdue).Should().Equal(new ExplainedDossier(
            new DossierCode("S-1"), new AgencyCode("B"), ReceiptChannel.Online, At(6, 5, 9),
            EffectiveDue: At(6, 7, 17), DecisiveAt: At(6, 9, 10), null, null,
            StatisticsCell.ReceivedOnline, StatisticsCell.PendingOverdue));
    }

    [Fact]
    public void A_back_dated_resolution_recorded_after_publication_moves_its_dossier_from_pending_overdue_to_resolved_early()
    {
        // Received 1/6, due 20/6. As known on 30/6 it is pending (overdue at the window's end); a resolution of 15/6 recorded on 2/7 makes it resolved early.
        var resolution = new DossierResolved(At(6, 15, 9)) { Recorded = Recorded(7, 2) };
        var rating = new DossierRated(At(7, 3, 9), Satisfied: true) { Recorded = Recorded(7, 3) };
        DossierEvent[] history =
        [
            new DossierReceived(At(6, 1, 9), new AgencyCode("A"), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, At(6, 20, 17)),
            resolution,
            rating,
        ];
        var histories = new[] { (new DossierCode("X-1"), (IReadOnlyList<DossierEvent>)history) };

        CellExplainer.Compare(histories, Recorded(6, 30), Recorded(7, 5), June, ReportPolicy.Default, StatisticsCell.PendingOverdue)
            .Should().Equal(new CellChange(new DossierCode("X-1"), Entered: false, [resolution, rating]));
        CellExplainer.Compare(histories, Recorded(6, 30), Recorded(7, 5), June, ReportPolicy.Default, StatisticsCell.ResolvedEarly)
            .Should().ContainSingle().Which.Entered.Should().BeTrue();
        CellExplainer.Compare(histories, Recorded(6, 30), Recorded(7, 5), June, ReportPolicy.Default, StatisticsCell.ReceivedDirect)
            .Should().BeEmpty("it was received in the window as known at both instants");
    }

    [Fact]
    public void The_as_of_comparison_lists_exactly_the_dossiers_that_account_for_the_difference_of_two_as_of_reports()
    {
        var cells = Enum.GetValues<StatisticsCell>();
        var moved = 0;
        Gen.Select(RandomHistories.Histories(1, 40), RandomHistories.Windows, RandomHistories.AsOfs, RandomHistories.AsOfs).Sample((lines, window, t1, t2) =>
        {
            var (first, second) = t1 <= t2 ? (t1, t2) : (t2, t1);
            var histories = HistoryReplay.Histories(lines).Select(h => (h.Code, (IReadOnlyList<DossierEvent>)[.. h.History.Select(l => l.Event)])).ToList();
            var factsFirst = HistoryReplay.Fold(lines, first);
            var factsSecond = HistoryReplay.Fold(lines, second);
            var reportFirst = PeriodStatistics.Compute(factsFirst, window, ReportPolicy.Default);
            var reportSecond = PeriodStatistics.Compute(factsSecond, window, ReportPolicy.Default);
            foreach (var cell in cells)
            {
                var changes = CellExplainer.Compare(histories, first, second, window, ReportPolicy.Default, cell);
                Interlocked.Add(ref moved, changes.Count);
                ((long)changes.Count(c => c.Entered) - changes.Count(c => !c.Entered)).Should().Be(reportSecond.Total[cell] - reportFirst.Total[cell], $"{cell}");
                var before = CellExplainer.Explain(factsFirst, window, ReportPolicy.Default, cell).Select(e => e.Code).ToHashSet();
                var after = CellExplainer.Explain(factsSecond, window, ReportPolicy.Default, cell).Select(e => e.Code).ToHashSet();
                changes.Where(c => c.Entered).Select(c => c.Code).Should().BeEquivalentTo(after.Except(before), $"the dossiers entering {cell}");
                changes.Where(c => !c.Entered).Select(c => c.Code).Should().BeEquivalentTo(before.Except(after), $"the dossiers leaving {cell}");
                changes.Where(c => c.LateEvents.Length == 0 || c.LateEvents.Any(e => e.Recorded <= first || e.Recorded > second))
                    .Should().BeEmpty("only events recorded between the two instants move a dossier, and those are listed");
            }
        }, iter: 200, print: t => $"{t.Item2}, {t.Item3} / {t.Item4}: {RandomHistories.Print(t.Item1)}");
        moved.Should().BeGreaterThan(100, "the generated histories record enough events late to move dossiers between cells");
    }
}
