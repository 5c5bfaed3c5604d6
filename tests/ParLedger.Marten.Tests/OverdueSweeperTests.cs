using System.Text.RegularExpressions;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 11, the overdue sweeper (SPEC §8 <c>sweep-overdue</c>) on a real store: it marks exactly the dossiers a
/// hand-built history says, naming the agency holding each at <c>T</c>; reruns add nothing; a clerk appending meanwhile
/// loses nothing; two sweeper processes at once never give a dossier two notices; the reports stay equal to a replay.
/// </summary>
public class OverdueSweeperTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly AgencyCode Desk = new("000.00.36.H57");
    private static readonly AgencyCode Ward = new("H57.07");
    private static readonly AgencyCode Commune = new("H57.09");

    /// <summary>The sweep instant: 10/03/2022 00:00 in Vietnam.</summary>
    private static readonly Instant T = Day(10, 0);

    private static Instant Day(int day, int hour = 8) => VietnamTime.ToInstant(new LocalDateTime(2022, 3, day, hour, 0));

    private static DossierReceived Receipt(Instant at, Instant due) =>
        new(at, Desk, new ProcedureCode("1.001234"), "Hộ tịch", AdministrativeLevel.District, ReceiptChannel.Online, due);

    /// <summary>Received on 01/03 with its due on 05/03 17:00, then the given events.</summary>
    private static DossierEvent[] Late(params DossierEvent[] then) => [Receipt(Day(1), Day(5, 17)), .. then];

    /// <summary>Hand-built histories and, for each dossier due a notice at <see cref="T"/>, its responsible agency (SPEC §2, §3, §8).</summary>
    private static readonly (string Code, DossierEvent[] History, AgencyCode? Responsible)[] Cases =
    [
        ("A", Late(new DossierTransferred(Day(3), Ward)), Ward),
        ("B", Late(), Desk),
        ("C-due-after-T", [Receipt(Day(1), Day(15, 17))], null),
        ("D-resolved-before-T", Late(new DossierResolved(Day(8))), null),
        ("E-stop-open-at-T", Late(new SupplementRequested(Day(4))), null),
        ("F-noticed-already", Late(new DossierOverdue(Day(6))), null),
        ("G-received-after-T", [Receipt(Day(11), Day(12, 17))], null),
        ("H-resolved-after-T", Late(new DossierResolved(Day(12))), Desk),
        ("I-transferred-again-after-T", Late(new DossierTransferred(Day(3), Ward), new DossierTransferred(Day(12), Commune)), Ward),
        ("J-due-exactly-at-T", [Receipt(Day(1), T)], null),

        // Supplement from 02/03 08:00 to 09/03 08:00 without a new due: the due moves 7 days, to 12/03 17:00.
        ("K-due-moved-by-a-stop", Late(new SupplementRequested(Day(2)), new SupplementReceived(Day(9))), null),
        ("L-noticed-back-dated", Late(new DossierOverdue(Day(7)) { Recorded = Day(20) }), null),
        ("M-terminal-exactly-at-T", Late(new DossierStopped(T)), null),
        ("N-transferred-exactly-at-T", Late(new DossierTransferred(T, Commune)), Commune),
    ];

    private static List<HistoryLine> Lines(IEnumerable<(string Code, DossierEvent[] History)> dossiers)
    {
        var lines = new List<HistoryLine>();
        foreach (var (code, history) in dossiers)
        {
            lines.AddRange(history.Select(e => new HistoryLine("test", lines.Count + 1, new DossierCode(code), e)));
        }

        return lines;
    }

    private async Task<(DossierLedger Ledger, string Schema)> StoreAsync(IEnumerable<(string Code, DossierEvent[] History)> dossiers)
    {
        var schema = DatabaseFixture.NewSchema();
        var ledger = await DossierLedger.OpenAsync(new LedgerOptions(database.ConnectionString, schema));
        await ledger.ImportAsync(Lines(dossiers));
        return (ledger, schema);
    }

    private static async Task<Dictionary<string, IReadOnlyList<DossierEvent>>> StoredAsync(DossierLedger ledger)
    {
        var stored = new Dictionary<string, IReadOnlyList<DossierEvent>>();
        await foreach (var (code, events) in ledger.ReadHistoriesAsync())
        {
            stored[code.Value] = events;
        }

        return stored;
    }

    /// <summary>The projected reports (facts and verdict sums kept by the appends) equal a replay of the stored events.</summary>
    private static async Task ReportsShouldEqualTheReplayAsync(DossierLedger ledger)
    {
        var stored = await StoredAsync(ledger);
        var facts = HistoryReplay.Fold(Lines(stored.Select(s => (s.Key, s.Value.ToArray()))));
        ReportingWindow[] windows = [ReportingPeriod.Parse("2022-M03").ToWindow(), new(new LocalDate(2022, 3, 10), new LocalDate(2022, 3, 10))];
        foreach (var window in windows)
        {
            foreach (var policy in new[] { ReportPolicy.Default, new ReportPolicy(WithdrawnPolicy.ResolvedOnTime, Deadlines.TimelinessPrecision.Instant) })
            {
                foreach (var by in new Breakdown?[] { null, Breakdown.Agency, Breakdown.Procedure })
                {
                    (await ledger.ReportAsync(window, policy, by)).Should().Be(PeriodStatistics.Compute(facts, window, policy, by), $"window {window}, {policy}, by {by}");
                }
            }
        }
    }

    private static IEnumerable<DossierOverdue> Notices(IEnumerable<DossierEvent> events) => events.OfType<DossierOverdue>();

    [Fact]
    public async Task The_sweeper_marks_exactly_the_dossiers_due_a_notice_at_T_naming_the_agency_holding_each_and_a_rerun_adds_nothing()
    {
        var (ledger, _) = await StoreAsync(Cases.Select(c => (c.Code, c.History)));
        await using var _ledger = ledger;

        var result = await ledger.SweepOverdueAsync(T);

        result.Should().Be(new OverdueSweepResult(T, new Dictionary<AgencyCode, int> { [Desk] = 2, [Ward] = 2, [Commune] = 1 }));
        var stored = await StoredAsync(ledger);
        foreach (var (code, history, responsible) in Cases)
        {
            var added = stored[code].Skip(history.Length).ToList();
            stored[code].Take(history.Length).Should().Equal(history, code);
            if (responsible is { } agency)
            {
                added.Should().Equal([new DossierOverdue(T, null, agency)], code);
                added[0].Recorded.Should().Be(T);
            }
            else
            {
                added.Should().BeEmpty(code);
            }
        }

        await ReportsShouldEqualTheReplayAsync(ledger);

        var again = await ledger.SweepOverdueAsync(T);
        var later = await ledger.SweepOverdueAsync(T + Duration.FromDays(30));

        again.Marked.Should().Be(0);
        later.MarkedByAgency.Should().Equal(new Dictionary<AgencyCode, int> { [Desk] = 4 }, "a month later C, G, J and K are past their dues too; E's stop is still open");
        (await StoredAsync(ledger)).Sum(s => Notices(s.Value).Count()).Should().Be(5 + 2 + 4, "five notices from the first sweep, two imported, four a month later");
    }

    [Fact]
    public async Task A_clerk_appending_while_a_batch_is_being_saved_loses_nothing_and_the_sweeper_decides_again_on_the_reloaded_history()
    {
        var (ledger, _) = await StoreAsync([("X", Late()), ("Y", Late()), ("Z", Late())]);
        await using var _ledger = ledger;
        var attempts = new List<IReadOnlyList<DossierCode>>();
        ledger.BeforeSweepSaveForTests = async (codes, attempt, ct) =>
        {
            attempts.Add(codes);
            if (attempt == 1)
            {
                // The clerk resolves X before T (back-dated) and transfers Y: both after the sweeper read them.
                await ledger.RecordAsync(new DossierCode("X"), 1, [new DossierResolved(Day(9))], ct);
                await ledger.RecordAsync(new DossierCode("Y"), 1, [new DossierTransferred(Day(9, 12), Commune)], ct);
            }
        };

        var result = await ledger.SweepOverdueAsync(T);

        attempts.Select(a => string.Join(",", a.Select(c => c.Value))).Should().Equal("X,Y,Z", "Y,Z");
        result.MarkedByAgency.Should().Equal(new Dictionary<AgencyCode, int> { [Desk] = 1, [Commune] = 1 });
        var stored = await StoredAsync(ledger);
        stored["X"].Should().Equal(Late(new DossierResolved(Day(9))));
        stored["Y"].Should().Equal(Late(new DossierTransferred(Day(9, 12), Commune), new DossierOverdue(T, null, Commune)));
        stored["Z"].Should().Equal(Late(new DossierOverdue(T, null, Desk)));
        await ReportsShouldEqualTheReplayAsync(ledger);
    }

    [Fact]
    public async Task Issue11_a_refused_append_leaves_Marten_tombstones_that_reading_and_rebuilding_the_store_skip()
    {
        var (ledger, schema) = await StoreAsync([("B", Late())]);
        await using var _ledger = ledger;
        var code = new DossierCode("B");
        var saves = 0;
        ledger.BeforeSaveForTests = async (_, ct) =>
        {
            if (Interlocked.Increment(ref saves) == 1)
            {
                await ledger.RecordAsync(code, 1, [new DossierTransferred(Day(2), Ward)], ct); // lands first
            }
        };

        await FluentActions.Awaiting(() => ledger.RecordAsync(code, 1, [new FeePaid(Day(2), true)])).Should().ThrowAsync<DossierConcurrencyException>();

        // Marten fills the sequence numbers of the refused save with tombstone events, written off the caller's path.
        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            long tombstones = 0;
            for (var wait = 0; wait < 300 && tombstones == 0; wait++)
            {
                await using var count = new Npgsql.NpgsqlCommand($"select count(*) from {schema}.mt_events where type = 'tombstone'", connection);
                tombstones = (long)(await count.ExecuteScalarAsync())!;
                await Task.Delay(tombstones == 0 ? 100 : 0);
            }

            tombstones.Should().BePositive("the refused save left tombstones behind, which is what this test is about");
        }

        (await StoredAsync(ledger)).Should().ContainSingle().Which.Value.Should().Equal(Late(new DossierTransferred(Day(2), Ward)));
        (await ledger.RebuildAsync()).Dossiers.Should().Be(1);
        (await ledger.IsEmptyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Two_sweeper_processes_at_once_give_every_eligible_dossier_exactly_one_notice_and_the_reports_equal_the_replay()
    {
        // 1,500 dossiers over two batches: every fourth one resolved on 08/03, the rest due a notice; a third transferred to the ward.
        var dossiers = Enumerable.Range(0, 1_500).Select(i => (
            Code: $"P-{i:D4}",
            History: (DossierEvent[])[
                Receipt(Day(1) + Duration.FromSeconds(i), Day(5, 17)),
                .. i % 3 == 1 ? new DossierEvent[] { new DossierTransferred(Day(2), Ward) } : [],
                .. i % 4 == 0 ? new DossierEvent[] { new DossierResolved(Day(8)) } : []]))
            .ToList();
        var (ledger, schema) = await StoreAsync(dossiers);
        await using var _ledger = ledger;
        string[] sweep = ["sweep-overdue", "--now", "2022-03-10T00:00:00+07:00", "--connection", database.ConnectionString, "--schema", schema];

        var runs = await Task.WhenAll(Tool.RunAsync(sweep), Tool.RunAsync(sweep));

        runs.Should().AllSatisfy(r => r.Code.Should().Be(0, r.Error));
        var stored = await StoredAsync(ledger);
        foreach (var (code, history) in dossiers)
        {
            var expected = history[^1] is DossierResolved ? 0 : 1;
            Notices(stored[code]).Should().HaveCount(expected, code);
        }

        var eligible = dossiers.Count(d => d.History[^1] is not DossierResolved);
        runs.Sum(r => Total(r.Out)).Should().Be(eligible, "each dossier is counted by the sweeper that marked it");
        await ReportsShouldEqualTheReplayAsync(ledger);
    }

    /// <summary>The total row of <c>sweep-overdue</c>'s table, read with the Vietnamese number convention.</summary>
    private static int Total(string output) =>
        int.Parse(Regex.Match(output, @"Tổng số\s*│\s*([\d.]+)\s*│").Groups[1].Value.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_command_prints_the_marked_dossiers_by_agency_in_a_Vietnamese_table_and_reports_bad_input_and_store_trouble()
    {
        var (ledger, schema) = await StoreAsync(Cases.Select(c => (c.Code, c.History)));
        await using var _ledger = ledger;
        string[] store = ["--connection", database.ConnectionString, "--schema", schema];

        var first = await Tool.RunAsync(["sweep-overdue", "--now", "2022-03-10T00:00:00+07:00", .. store]);
        var rerun = await Tool.RunAsync(["sweep-overdue", "--now", "2022-03-09T17:00:00Z", .. store]);

        first.Code.Should().Be(0, first.Error);
        first.Out.Should().StartWith("Hồ sơ quá hạn được lập phiếu xin lỗi và hẹn lại tại 00:00:00 10/03/2022\n").And.Contain("Cơ quan chịu trách nhiệm").And.Contain("Số hồ sơ");
        first.Out.Should().MatchRegex(@"000\.00\.36\.H57\s*│\s*2\s*│").And.MatchRegex(@"H57\.07\s*│\s*2\s*│").And.MatchRegex(@"H57\.09\s*│\s*1\s*│");
        Total(first.Out).Should().Be(5);
        rerun.Code.Should().Be(0, rerun.Error);
        Total(rerun.Out).Should().Be(0, "the same instant written in UTC: everything is marked already");

        var badNow = await Tool.RunAsync(["sweep-overdue", "--now", "2022-03-10T00:00:00", .. store]);
        badNow.Code.Should().Be(2);
        badNow.Error.Trim().Should().StartWith("parledger: --now '2022-03-10T00:00:00': expected an ISO-8601 instant with an offset").And.NotContain("\n");

        var tooEarly = await Tool.RunAsync(["sweep-overdue", "--now", "0001-01-01T00:00:00+07:00", .. store]);
        tooEarly.Code.Should().Be(2, tooEarly.Error);
        tooEarly.Error.Trim().Should().Be("parledger: --now '0001-01-01T00:00:00+07:00': outside the years 0001–9999 (UTC) a store can hold.");

        var noStore = await Tool.RunAsync("sweep-overdue", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3");
        noStore.Code.Should().Be(3);
        noStore.Error.Trim().Should().StartWith("parledger: ").And.NotContain("\n").And.NotContain("   at ");
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    [Fact]
    public async Task The_library_sweeps_at_the_instant_of_the_clock_it_is_given()
    {
        var (ledger, _) = await StoreAsync([("B", Late()), ("C", [Receipt(Day(1), Day(15, 17))])]);
        await using var _ledger = ledger;

        var result = await ledger.SweepOverdueAsync(new FixedClock(T));

        result.Should().Be(new OverdueSweepResult(T, new Dictionary<AgencyCode, int> { [Desk] = 1 }));
        (await StoredAsync(ledger))["B"].Should().Equal(Late(new DossierOverdue(T, null, Desk)));
    }

    [Fact]
    public async Task Without_now_the_command_sweeps_at_the_current_instant()
    {
        var (ledger, schema) = await StoreAsync([("B", Late())]);
        await using var _ledger = ledger;
        var before = SystemClock.Instance.GetCurrentInstant();

        var run = await Tool.RunAsync("sweep-overdue", "--connection", database.ConnectionString, "--schema", schema);

        var after = SystemClock.Instance.GetCurrentInstant();
        run.Code.Should().Be(0, run.Error);
        Total(run.Out).Should().Be(1);
        var notice = Notices((await StoredAsync(ledger))["B"]).Should().ContainSingle().Subject;
        notice.At.Should().BeInRange(before, after);
        notice.Responsible.Should().Be(Desk);
    }
}
