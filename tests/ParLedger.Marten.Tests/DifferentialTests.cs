using ParLedger.Deadlines;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>
/// The replay fold (the definition) and the projection's SQL query agree on every cell of every row, for random
/// edge-heavy histories, random windows, every policy and every breakdown. Size: PARLEDGER_DIFF_DOSSIERS (default 1000)
/// dossiers and PARLEDGER_DIFF_WINDOWS (default 50) windows per seed.
/// </summary>
public class DifferentialTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    /// <summary>Time-ordered lines take the import's staged path; lines grouped by dossier its one-pass path.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(6, true)]
    public async Task Replay_and_projection_agree_on_every_cell_for_random_histories_and_windows(int seed, bool grouped)
    {
        var lines = RandomHistories.Generate(seed, Setting("PARLEDGER_DIFF_DOSSIERS", 1000));
        lines = grouped ? RandomHistories.GroupedByDossier(lines) : lines;
        var facts = HistoryReplay.Fold(lines);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(lines);
        var random = new Random(seed * 7919);
        Breakdown?[] breakdowns = [null, .. Enum.GetValues<Breakdown>()];

        for (var i = 0; i < Setting("PARLEDGER_DIFF_WINDOWS", 50); i++)
        {
            var window = RandomHistories.Window(random);
            foreach (var policy in Policies())
            {
                var by = breakdowns[random.Next(breakdowns.Length)];
                var expected = PeriodStatistics.Compute(facts, window, policy, by);
                var actual = await ledger.ReportAsync(window, policy, by);
                actual.ShouldHaveSameFiguresAs(expected, $"seed {seed}, window {window}, {policy}, by {by}");
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task The_stored_as_of_reader_agrees_with_replaying_the_file_as_of_the_same_instant(int seed)
    {
        var lines = RandomHistories.Generate(seed, Setting("PARLEDGER_DIFF_DOSSIERS", 1000));
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(lines);
        var random = new Random(seed * 104729);

        for (var i = 0; i < 10; i++)
        {
            var asOf = RandomHistories.AsOf(random);
            var window = RandomHistories.Window(random);
            var expected = PeriodStatistics.Compute(HistoryReplay.Fold(lines, asOf), window, ReportPolicy.Default, Breakdown.Agency, asOf);
            var actual = await ledger.ReportAsOfAsync(window, ReportPolicy.Default, asOf, Breakdown.Agency);
            actual.ShouldHaveSameFiguresAs(expected, $"seed {seed}, as of {asOf}, window {window}");
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Replay_and_projection_agree_on_every_service_index_count(int seed)
    {
        var lines = RandomHistories.Generate(seed, Setting("PARLEDGER_DIFF_DOSSIERS", 1000));
        var facts = HistoryReplay.Fold(lines);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(lines);
        var random = new Random(seed * 31);

        for (var i = 0; i < 10; i++)
        {
            var window = RandomHistories.Window(random);
            foreach (var policy in Policies())
            {
                var expected = ServiceIndex.Compute(facts, window, policy);
                var actual = await ledger.ServiceIndexAsync(window, policy);
                actual.Should().Equal(expected, $"seed {seed}, window {window}, {policy}");
            }
        }
    }

    [Fact]
    public async Task Rebuilding_the_facts_tables_by_COPY_gives_the_same_reports_and_indicators_as_replay()
    {
        var lines = RandomHistories.Generate(8, Setting("PARLEDGER_DIFF_DOSSIERS", 1000));
        var facts = HistoryReplay.Fold(lines);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        await ledger.ImportAsync(lines);

        (await ledger.RebuildAsync()).Dossiers.Should().Be(facts.Count);

        var random = new Random(8);
        for (var i = 0; i < 10; i++)
        {
            var window = RandomHistories.Window(random);
            var policy = Policies().ElementAt(random.Next(4));
            var by = (Breakdown)random.Next(5);
            (await ledger.ReportAsync(window, policy, by)).ShouldHaveSameFiguresAs(PeriodStatistics.Compute(facts, window, policy, by), $"window {window}");
            (await ledger.ServiceIndexAsync(window, policy)).Should().Equal(ServiceIndex.Compute(facts, window, policy));
        }
    }

    private static IEnumerable<ReportPolicy> Policies() =>
        from withdrawn in Enum.GetValues<WithdrawnPolicy>()
        from precision in Enum.GetValues<TimelinessPrecision>()
        select new ReportPolicy(withdrawn, precision);
}
