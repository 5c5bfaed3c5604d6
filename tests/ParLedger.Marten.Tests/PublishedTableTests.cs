using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;
using ProvinceReport;

namespace ParLedger.Marten.Tests;

public class PublishedTableTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_projection_reproduces_Dong_Thap_2022_H1_and_agrees_with_replay_on_every_breakdown()
    {
        var published = PublishedTable.DongThap2022H1;
        var lines = SyntheticHistory.Generate(published).ToList();
        var facts = HistoryReplay.Fold(lines);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(lines);

        var total = (await ledger.ReportAsync(published.Window, ReportPolicy.Default)).Total;

        total.CarriedOver.Should().Be(14_070);
        total.ReceivedOnline.Should().Be(60_705);
        total.ReceivedDirectPostal.Should().Be(260_670);
        total.ResolvedEarly.Should().Be(265_055);
        total.ResolvedOnTime.Should().Be(34_539);
        total.ResolvedLate.Should().Be(6_139);
        total.PendingWithin.Should().Be(27_781);
        total.PendingOverdue.Should().Be(1_931);
        foreach (var by in Enum.GetValues<Breakdown>())
        {
            (await ledger.ReportAsync(published.Window, ReportPolicy.Default, by))
                .ShouldHaveSameFiguresAs(PeriodStatistics.Compute(facts, published.Window, ReportPolicy.Default, by), $"by {by}");
        }
    }
}
