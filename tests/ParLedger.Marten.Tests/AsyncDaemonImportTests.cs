using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 9: with the async lifecycle the import writes no facts; Marten's async daemon must find every imported event
/// (the import leaves Marten's high-water mark where Marten's own bulk append leaves it) and keep up with clerks after it.
/// </summary>
public class AsyncDaemonImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Issue9_after_a_bulk_import_the_async_daemon_projects_every_event_and_a_clerks_later_appends(bool grouped, bool daemonRunsDuringImport)
    {
        var lines = RandomHistories.Generate(31, 300);
        lines = grouped ? RandomHistories.GroupedByDossier(lines) : lines;
        var schema = DatabaseFixture.NewSchema();
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema, ProjectionLifecycle.Async));
        using var daemon = await ledger.Store.BuildProjectionDaemonAsync();
        if (daemonRunsDuringImport)
        {
            await daemon.StartAllAsync();
        }

        var imported = await ledger.ImportAsync(lines);
        imported.EventsAdded.Should().Be(lines.Count);
        if (!daemonRunsDuringImport)
        {
            await daemon.StartAllAsync();
        }

        await daemon.WaitForNonStaleData(CatchUp);
        await ShouldEqualReplayAsync(ledger, lines, "after the import");

        // A clerk records a new dossier and grows an imported one: the daemon projects both.
        var received = InstantText.Parse("2022-03-01T08:00:00+07:00");
        var clerk = new DossierReceived(received, new AgencyCode("H57.07"), new ProcedureCode("1.00101"), null, AdministrativeLevel.Commune, ReceiptChannel.Online, received + Duration.FromDays(5), false);
        var code = new DossierCode("CLERK-1");
        await ledger.RecordAsync(code, 0, [clerk]);
        var resolved = new DossierResolved(received + Duration.FromDays(1), ResolutionOutcome.Approved, true);
        await ledger.RecordAsync(code, 1, [resolved]);
        lines = [.. lines, new HistoryLine("clerk", lines.Count + 1, code, clerk), new HistoryLine("clerk", lines.Count + 2, code, resolved)];

        await daemon.WaitForNonStaleData(CatchUp);
        await ShouldEqualReplayAsync(ledger, lines, "after the clerk's appends");
        await daemon.StopAllAsync();
    }

    private static async Task ShouldEqualReplayAsync(DossierLedger ledger, List<HistoryLine> lines, string when)
    {
        var facts = HistoryReplay.Fold(lines);
        var random = new Random(97);
        Breakdown?[] breakdowns = [null, .. Enum.GetValues<Breakdown>()];
        for (var i = 0; i < 6; i++)
        {
            var window = i == 0 ? new Periods.ReportingWindow(new LocalDate(2021, 1, 1), new LocalDate(2023, 12, 31)) : RandomHistories.Window(random);
            foreach (var by in breakdowns)
            {
                (await ledger.ReportAsync(window, ReportPolicy.Default, by)).ShouldHaveSameFiguresAs(
                    PeriodStatistics.Compute(facts, window, ReportPolicy.Default, by), $"{when}, window {window}, by {by}");
            }
        }
    }
}
