using Npgsql;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 10: the verdict sums kept in PostgreSQL. Many clerks writing into the same rows at once all land (no lost
/// update, no deadlock), dossiers appended one event at a time (late events included) keep the sums exact, and a store
/// written before the sums existed is rebuilt when opened for writing.
/// </summary>
public class VerdictSumsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly Breakdown?[] Breakdowns = [null, Breakdown.Agency, Breakdown.Level, Breakdown.Field, Breakdown.Procedure, Breakdown.Channel];

    private static async Task ShouldEqualTheReplayAsync(DossierLedger ledger, IReadOnlyList<HistoryLine> lines, IEnumerable<ReportingWindow> windows)
    {
        var facts = HistoryReplay.Fold(lines);
        foreach (var window in windows)
        {
            foreach (var policy in new[] { ReportPolicy.Default, new ReportPolicy(WithdrawnPolicy.ResolvedOnTime, Deadlines.TimelinessPrecision.Instant) })
            {
                foreach (var by in Breakdowns)
                {
                    (await ledger.ReportAsync(window, policy, by)).Should().Be(PeriodStatistics.Compute(facts, window, policy, by), $"window {window}, {policy}, by {by}");
                }

                (await ledger.ServiceIndexAsync(window, policy)).Should().Equal(ServiceIndex.Compute(facts, window, policy), $"the service index of window {window}, {policy}");
            }
        }
    }

    [Fact]
    public async Task Clerks_of_one_agency_recording_different_dossiers_on_the_same_day_all_land_and_the_sums_equal_the_replay()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var day = VietnamTime.ToInstant(new LocalDateTime(2022, 3, 1, 8, 0));
        var clerks = Enumerable.Range(0, 24).ToList();
        DossierEvent[] History(int clerk) =>
        [
            new DossierReceived(day + Duration.FromMinutes(clerk), new AgencyCode("H57.01"), new ProcedureCode($"P{clerk % 3}"), "Hộ tịch", AdministrativeLevel.Commune, (ReceiptChannel)(clerk % 3), day + Duration.FromHours(8)),
            new DossierResolved(day + Duration.FromHours(1 + (clerk % 9))),
        ];

        // Every clerk touches the same totals, agency, level and field rows of the same day, month and year at once.
        await Task.WhenAll(clerks.Select(clerk => Task.Run(async () =>
        {
            var code = new DossierCode($"C-{clerk:D2}");
            await ledger.RecordAsync(code, 0, [History(clerk)[0]]);
            await ledger.RecordAsync(code, 1, [History(clerk)[1]]);
        })));

        var lines = clerks.SelectMany(clerk => History(clerk).Select(e => new HistoryLine("clerks", 1, new DossierCode($"C-{clerk:D2}"), e))).ToList();
        await ShouldEqualTheReplayAsync(ledger, lines, [new ReportingWindow(new LocalDate(2022, 3, 1), new LocalDate(2022, 3, 1)), new ReportingWindow(new LocalDate(2022, 2, 15), new LocalDate(2022, 3, 14))]);
        (await ledger.ReportAsync(new ReportingWindow(new LocalDate(2022, 3, 1), new LocalDate(2022, 3, 1)), ReportPolicy.Default)).Total.ResolvedTotal.Should().Be(24);
    }

    [Fact]
    public async Task Dossiers_appended_one_event_at_a_time_in_recording_order_keep_the_sums_equal_to_the_replay()
    {
        await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, DatabaseFixture.NewSchema()));
        var lines = RandomHistories.Generate(7, 60);
        var versions = new Dictionary<DossierCode, long>();
        var waiting = new Dictionary<DossierCode, List<DossierEvent>>();

        // In recording order: a late event lands after later ones of its dossier and moves its verdicts back in time.
        // An event that the history so far would refuse (a rating recorded before the late-recorded terminal event, say)
        // waits and is recorded with the next one that makes the history valid.
        foreach (var line in lines)
        {
            var batch = waiting.TryGetValue(line.Dossier, out var w) ? w : waiting[line.Dossier] = [];
            batch.Add(line.Event);
            var version = versions.GetValueOrDefault(line.Dossier);
            try
            {
                await ledger.RecordAsync(line.Dossier, version, [.. batch.OrderBy(e => e.At)]);
                versions[line.Dossier] = version + batch.Count;
                batch.Clear();
            }
            catch (Lifecycle.LifecycleViolationException)
            {
            }
        }

        waiting.Values.Should().OnlyContain(batch => batch.Count == 0, "every whole history is valid");
        versions.Values.Sum().Should().Be(lines.Count);

        var random = new Random(7);
        await ShouldEqualTheReplayAsync(ledger, lines, Enumerable.Range(0, 12).Select(_ => RandomHistories.Window(random)));
    }

    [Fact]
    public async Task A_store_written_before_the_verdict_sums_existed_is_rebuilt_when_opened_for_writing()
    {
        var schema = DatabaseFixture.NewSchema();
        var lines = RandomHistories.Generate(11, 80);
        await using (var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema)))
        {
            await ledger.ImportAsync(lines);
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var downgrade = new NpgsqlCommand(
                $"drop table {schema}.pl_verdict_sums; drop table {schema}.pl_verdict_late; alter table {schema}.pl_dossier_facts drop column verdicts_version, drop column verdict_cells, drop column verdict_changes, drop column verdict_days, drop column verdict_months, drop column verdict_years",
                connection);
            await downgrade.ExecuteNonQueryAsync();
        }

        // Reading never changes the store: a read-only open refuses it, naming what to do.
        var refused = async () => await DossierLedger.OpenExistingAsync(new LedgerOptions(database.ConnectionString, schema));
        (await refused.Should().ThrowAsync<StoreChangedException>()).Which.Message.Should().Contain("earlier version").And.Contain("import");

        await using var reopened = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));

        var random = new Random(11);
        await ShouldEqualTheReplayAsync(reopened, lines, Enumerable.Range(0, 6).Select(_ => RandomHistories.Window(random)));
    }
}
