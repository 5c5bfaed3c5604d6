using NodaTime;
using ParLedger.Audit;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Tests.Audit;

/// <summary>The edges of explain, the as-of comparison and accountability: instants exactly at a bound, arguments, order.</summary>
public class AuditBoundaryTests
{
    private static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

    private static Instant At(int month, int day, int hour) => VietnamTime.ToInstant(new LocalDateTime(2022, month, day, hour, 0));

    private static DossierReceived Received(string agency, int month, int day, int dueMonth, int dueDay) =>
        new(At(month, day, 8), new AgencyCode(agency), new ProcedureCode("P"), null, AdministrativeLevel.Commune, ReceiptChannel.Direct, At(dueMonth, dueDay, 17));

    [Fact]
    public void The_audit_functions_refuse_null_arguments_by_name()
    {
        FluentActions.Invoking(() => CellExplainer.Explain(null!, June, ReportPolicy.Default, StatisticsCell.PendingWithin)).Should().Throw<ArgumentNullException>().WithParameterName("dossiers");
        FluentActions.Invoking(() => CellExplainer.Compare(null!, At(7, 1, 0), At(7, 2, 0), June, ReportPolicy.Default, StatisticsCell.PendingWithin)).Should().Throw<ArgumentNullException>().WithParameterName("histories");
        FluentActions.Invoking(() => CellExplainer.Change(new DossierCode("X"), null!, At(7, 1, 0), At(7, 2, 0), June, ReportPolicy.Default, StatisticsCell.PendingWithin)).Should().Throw<ArgumentNullException>().WithParameterName("history");
        FluentActions.Invoking(() => Accountability.Compute(null!, June, ReportPolicy.Default)).Should().Throw<ArgumentNullException>().WithParameterName("dossiers");
        FluentActions.Invoking(() => Accountability.ResponsibleAgency(null!, June)).Should().Throw<ArgumentNullException>().WithParameterName("facts");
    }

    [Fact]
    public void A_dossier_finished_exactly_at_the_windows_end_is_explained_as_pending_without_its_terminal()
    {
        var end = VietnamTime.StartOf(new LocalDate(2022, 7, 1));
        var facts = DossierFacts.FromHistory(new DossierCode("X"), [Received("A", 6, 20, 6, 25), new DossierResolved(end)])!;

        var explained = CellExplainer.Explain([facts], June, ReportPolicy.Default, StatisticsCell.PendingOverdue).Should().ContainSingle().Subject;

        explained.Terminal.Should().BeNull("it finished at the end, after the window");
        explained.TerminalAt.Should().BeNull();
        explained.DecisiveAt.Should().Be(end, "a pending dossier is judged at the window's end");
    }

    [Fact]
    public void A_stop_closed_with_a_new_due_at_the_instant_of_the_terminal_event_gives_the_due_that_judged_it()
    {
        // The closing comes before the resolution in business order (same instant, appended first): ED is its due.
        var facts = DossierFacts.FromHistory(new DossierCode("X"),
        [
            Received("A", 6, 1, 6, 5), new SupplementRequested(At(6, 3, 9)), new SupplementReceived(At(6, 12, 9), At(6, 20, 17)), new DossierResolved(At(6, 12, 9)),
        ])!;

        var explained = CellExplainer.Explain([facts], June, ReportPolicy.Default, StatisticsCell.ResolvedEarly).Should().ContainSingle().Subject;

        explained.EffectiveDue.Should().Be(At(6, 20, 17));
        explained.DecisiveAt.Should().Be(At(6, 12, 9));
    }

    [Fact]
    public void The_as_of_comparison_lists_an_event_recorded_exactly_at_the_second_instant_and_orders_dossiers_by_code()
    {
        var second = At(7, 5, 0);
        DossierEvent[] History(string agency) =>
        [
            Received(agency, 6, 1, 6, 20),
            new DossierResolved(At(6, 15, 9)) { Recorded = second },
        ];
        var histories = new[] { "b-2", "B-1", "a-3" }.Select(code => (new DossierCode(code), (IReadOnlyList<DossierEvent>)History("A"))).ToList();

        var changes = CellExplainer.Compare(histories, At(6, 30, 23), second, June, ReportPolicy.Default, StatisticsCell.PendingOverdue);

        changes.Select(c => c.Code.Value).Should().Equal("B-1", "a-3", "b-2");
        changes.Should().OnlyContain(c => !c.Entered && c.LateEvents.Length == 1 && c.LateEvents[0].Recorded == second);
    }

    [Fact]
    public void A_dossier_outside_the_window_gives_its_agency_no_row_of_accountability()
    {
        var inside = DossierFacts.FromHistory(new DossierCode("IN"), [Received("A", 6, 1, 6, 5), new DossierResolved(At(6, 9, 9))])!;
        var before = DossierFacts.FromHistory(new DossierCode("OLD"), [Received("Q", 3, 1, 3, 5), new DossierResolved(At(3, 9, 9))])!;
        var after = DossierFacts.FromHistory(new DossierCode("NEW"), [Received("R", 8, 1, 8, 5)])!;

        var rows = Accountability.Compute([inside, before, after], June, ReportPolicy.Default);

        rows.Should().ContainSingle().Which.Agency.Should().Be(new AgencyCode("A"));
        rows[0].Overdue.Should().Be(1);
    }

    [Fact]
    public void A_stop_closed_exactly_at_the_windows_end_leaves_the_dossier_judged_at_the_stops_opening_with_the_old_due()
    {
        var end = VietnamTime.StartOf(new LocalDate(2022, 7, 1));
        var facts = DossierFacts.FromHistory(new DossierCode("X"),
        [
            Received("A", 6, 1, 6, 10), new DossierPaused(At(6, 20, 9)), new DossierResumed(end, At(7, 20, 17)),
        ])!;

        var explained = CellExplainer.Explain([facts], June, ReportPolicy.Default, StatisticsCell.PendingOverdue).Should().ContainSingle().Subject;

        explained.EffectiveDue.Should().Be(At(6, 10, 17), "the resumption at the end is not before the end");
        explained.DecisiveAt.Should().Be(At(6, 20, 9), "judged at the opening of the stop still open at the end");
    }
}
