using JasperFx.Events.Projections;
using Marten;
using ParLedger.Interchange;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

public class ProjectionConformanceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    public static IEnumerable<object[]> Cases => ConformanceCase.Names();

    public static IEnumerable<object[]> CasesAndLineOrders => ConformanceCase.Names().SelectMany(c => new[] { new[] { c[0], false }, [c[0], true] });

    /// <summary>The history file as given (time-ordered: the import's staged path) and grouped by dossier (its one-pass path).</summary>
    [Theory]
    [MemberData(nameof(CasesAndLineOrders))]
    public async Task The_projection_and_the_as_of_reader_reproduce_every_golden_report(string name, bool grouped)
    {
        var golden = ConformanceCase.Named(name);
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var lines = JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath).ToList();
        await ledger.ImportAsync(grouped ? RandomHistories.GroupedByDossier(lines) : lines);

        var report = golden.Expected.AsOf is { } asOf
            ? await ledger.ReportAsOfAsync(golden.Expected.Window, golden.Expected.Policy, asOf, golden.By)
            : await ledger.ReportAsync(golden.Expected.Window, golden.Expected.Policy, golden.By);

        report.ShouldHaveSameFiguresAs(golden.Expected, name);
    }

    [Fact]
    public async Task Marten_advisory_lock_path_runs_with_the_stand_in_package()
    {
        // The async daemon takes PostgreSQL advisory locks through DistributedLock.Postgres, which the stand-in
        // for Patched.DistributedLock.Postgres resolves to (see .ci/stand-in/README.md).
        var golden = ConformanceCase.Named("h1-2022.by-agency.json");
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema(), ProjectionLifecycle.Async));
        await ledger.ImportAsync(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath));
        (await ledger.ReportAsync(golden.Expected.Window, golden.Expected.Policy, golden.By)).Total.Should().Be(default(ParLedger.Statistics.StatisticsCells), "the async projection has not run yet");

        using var daemon = await ledger.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(DossierLedger.FactsProjectionName, TimeSpan.FromMinutes(5), CancellationToken.None);

        var report = await ledger.ReportAsync(golden.Expected.Window, golden.Expected.Policy, golden.By);
        report.ShouldHaveSameFiguresAs(golden.Expected);
    }
}
