using CsCheck;
using NodaTime;
using ParLedger.Deadlines;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Tests.Statistics;

/// <summary>
/// Properties over generated histories (<see cref="RandomHistories"/>). A failure prints the history as interchange
/// lines and the seed; rerun with <c>CsCheck_Seed=SEED CsCheck_Time=60</c> to let CsCheck shrink it further.
/// </summary>
public class FoldPropertyTests
{
    private static readonly Gen<ReportPolicy> Policies =
        Gen.Select(Gen.Enum<WithdrawnPolicy>(), Gen.Enum<TimelinessPrecision>(), (withdrawn, precision) => new ReportPolicy(withdrawn, precision));

    private static readonly Gen<Breakdown?> Breakdowns =
        Gen.Frequency((1, Gen.Const((Breakdown?)null)), (5, Gen.Enum<Breakdown>().Select(b => (Breakdown?)b)));

    private static readonly Gen<Case> Cases =
        Gen.Select(RandomHistories.Histories(1, 60), RandomHistories.Windows, Policies, Breakdowns, (lines, window, policy, by) => new Case(lines, window, policy, by));

    /// <summary>
    /// Issue 9: the cells whose rule needs no deadline arithmetic, counted here straight from the events with the
    /// rules of SPEC §4 (not from the folded facts), equal the report's, on the totals and on every agency row.
    /// </summary>
    [Fact]
    public void Issue9_the_report_counts_what_SPEC_4_counts_straight_from_the_events()
    {
        Cases.Sample(c =>
        {
            var report = PeriodStatistics.Compute(HistoryReplay.Fold(c.Lines), c.Window, c.Policy, Breakdown.Agency);

            var dossiers = c.Lines.GroupBy(l => l.Dossier).Select(g => g.Select(l => l.Event).ToList()).ToList();
            Coarse(report.Total).Should().Be(CountBySpec(dossiers, c.Window, c.Policy), "totals");
            var byAgency = dossiers.GroupBy(d => d.OfType<DossierReceived>().Single().Agency.Value, StringComparer.Ordinal)
                .Select(g => (Key: g.Key, Cells: CountBySpec([.. g], c.Window, c.Policy)))
                .Where(row => row.Cells != default)
                .OrderBy(row => row.Key, StringComparer.Ordinal)
                .ToList();
            report.Rows.Select(r => (r.Key, Coarse(r.Cells))).Should().Equal(byAgency.Select(r => (r.Key, r.Cells)), "agency rows");
        }, iter: 300, print: Print);
    }

    /// <summary>
    /// Issue 9: splitting a window at any date D: what is pending at the end of the first part is exactly what the
    /// second part carries over, on every row; inflows and outcomes of the parts add up to the whole window's.
    /// </summary>
    [Fact]
    public void Issue9_splitting_a_window_carries_over_exactly_what_was_pending_and_the_parts_add_up()
    {
        Gen.Select(Cases.Where(c => c.Window.From < c.Window.To), Gen.Int[1, 1_000]).Sample((c, at) =>
        {
            var days = Period.Between(c.Window.From, c.Window.To, PeriodUnits.Days).Days;
            var split = c.Window.From.PlusDays(1 + (at % days));
            var first = new ReportingWindow(c.Window.From, split.PlusDays(-1));
            var second = new ReportingWindow(split, c.Window.To);
            var facts = HistoryReplay.Fold(c.Lines);
            var by = c.By ?? Breakdown.Agency;
            var whole = PeriodStatistics.Compute(facts, c.Window, c.Policy, by);
            var before = PeriodStatistics.Compute(facts, first, c.Policy, by);
            var after = PeriodStatistics.Compute(facts, second, c.Policy, by);

            foreach (var key in whole.Rows.Concat(before.Rows).Concat(after.Rows).Select(r => r.Key).Distinct())
            {
                var (w, b, a) = (Row(whole, key), Row(before, key), Row(after, key));
                a.CarriedOver.Should().Be(b.PendingTotal, $"row {key}: carried over into {second} = pending at the end of {first}");
                b.CarriedOver.Should().Be(w.CarriedOver, $"row {key}");
                (b.ReceivedOnline + a.ReceivedOnline, b.ReceivedDirect + a.ReceivedDirect, b.ReceivedPostal + a.ReceivedPostal)
                    .Should().Be((w.ReceivedOnline, w.ReceivedDirect, w.ReceivedPostal), $"row {key}: receipts");
                (b.ResolvedEarly + a.ResolvedEarly, b.ResolvedOnTime + a.ResolvedOnTime, b.ResolvedLate + a.ResolvedLate, b.Withdrawn + a.Withdrawn)
                    .Should().Be((w.ResolvedEarly, w.ResolvedOnTime, w.ResolvedLate, w.Withdrawn), $"row {key}: outcomes");
                (a.PendingWithin, a.PendingOverdue).Should().Be((w.PendingWithin, w.PendingOverdue), $"row {key}: pending at the common end");
            }
        }, iter: 200, print: t => $"split at {t.Item2}: {Print(t.Item1)}");
    }

    [Fact]
    public void The_streaming_fold_equals_folding_each_whole_history_whatever_the_line_order()
    {
        var asOfs = Gen.Frequency((1, Gen.Const((Instant?)null)), (2, RandomHistories.AsOfs.Select(t => (Instant?)t)));
        Gen.Select(RandomHistories.Histories(1, 40), Gen.Bool, Gen.Int, asOfs).Sample((lines, shuffle, seed, asOf) =>
        {
            if (shuffle)
            {
                // Any order of lines is allowed (SPEC §6) as long as equal-at events of a dossier keep their order:
                // move some dossiers' latest events first, and interleave the dossiers at random.
                var random = new Random(seed);
                var queues = lines.GroupBy(l => l.Dossier).Select(g =>
                {
                    var list = g.ToList();
                    if (random.Next(2) == 0)
                    {
                        var latest = list.Max(l => l.Event.At);
                        list = [.. list.Where(l => l.Event.At == latest), .. list.Where(l => l.Event.At != latest)];
                    }

                    return new Queue<HistoryLine>(list);
                }).ToList();
                var shuffled = new List<HistoryLine>(lines.Count);
                while (queues.Count > 0)
                {
                    var k = random.Next(queues.Count);
                    shuffled.Add(queues[k].Dequeue() with { LineNumber = shuffled.Count + 1 });
                    if (queues[k].Count == 0)
                    {
                        queues.RemoveAt(k);
                    }
                }

                lines = shuffled;
            }

            var expected = HistoryReplay.Histories(lines)
                .Select(h => DossierFacts.FromHistory(h.Code, h.History.Select(l => l.Event).Where(e => asOf is not { } t || e.Recorded <= t)))
                .OfType<DossierFacts>()
                .ToList();

            HistoryReplay.Fold(lines, asOf).Should().Equal(expected);
        }, iter: 200, print: t => $"shuffle {t.Item2} (seed {t.Item3}), as of {t.Item4}: {RandomHistories.Print(t.Item1)}");
    }

    [Fact]
    public void Every_generated_history_is_valid_and_survives_a_round_trip_through_the_interchange_format()
    {
        RandomHistories.Histories(1, 20).Sample(lines =>
        {
            var text = string.Join('\n', lines.Select(l => JsonlHistoryWriter.FormatLine(l.Dossier, l.Event)));
            var back = JsonlHistoryReader.Read(new StringReader(text), "round-trip").ToList();

            back.Select(l => (l.Dossier, l.Event)).Should().Equal(lines.Select(l => (l.Dossier, l.Event)));
            foreach (var (code, history) in HistoryReplay.Histories(back))
            {
                LifecycleRules.Check(code, history.Select(h => h.Event).ToList()).Should().BeNull();
            }
        }, iter: 100, print: RandomHistories.Print);
    }

    /// <summary>
    /// SPEC §4 written out for the cells that need no timeliness: inflow by <c>r</c> and channel, outcome by <c>f</c>
    /// and terminal kind (resolved and stopped together, withdrawn by the policy), pending as not finished by the end.
    /// </summary>
    private static CoarseCells CountBySpec(IEnumerable<List<DossierEvent>> dossiers, ReportingWindow window, ReportPolicy policy)
    {
        var cells = default(CoarseCells);
        foreach (var events in dossiers)
        {
            var received = events.OfType<DossierReceived>().Single();
            var terminal = events.OfType<TerminalEvent>().SingleOrDefault();
            var (r, f) = (received.At, terminal?.At);
            var carried = r < window.Start && (f is null || f >= window.Start);
            var receivedInWindow = window.Start <= r && r < window.End;
            var finishedInWindow = f is { } t && window.Start <= t && t < window.End;
            var pending = r < window.End && (f is null || f >= window.End);
            var withdrawn = terminal is DossierWithdrawn;
            cells = cells with
            {
                CarriedOver = cells.CarriedOver + (carried ? 1 : 0),
                ReceivedOnline = cells.ReceivedOnline + (receivedInWindow && received.Channel == ReceiptChannel.Online ? 1 : 0),
                ReceivedDirect = cells.ReceivedDirect + (receivedInWindow && received.Channel == ReceiptChannel.Direct ? 1 : 0),
                ReceivedPostal = cells.ReceivedPostal + (receivedInWindow && received.Channel == ReceiptChannel.Postal ? 1 : 0),
                ResolvedTotal = cells.ResolvedTotal + (finishedInWindow && (!withdrawn || policy.Withdrawn == WithdrawnPolicy.ResolvedOnTime) ? 1 : 0),
                Withdrawn = cells.Withdrawn + (finishedInWindow && withdrawn && policy.Withdrawn == WithdrawnPolicy.Separate ? 1 : 0),
                PendingTotal = cells.PendingTotal + (pending ? 1 : 0),
            };
        }

        return cells;
    }

    private static CoarseCells Coarse(StatisticsCells c) =>
        new(c.CarriedOver, c.ReceivedOnline, c.ReceivedDirect, c.ReceivedPostal, c.ResolvedTotal, c.Withdrawn, c.PendingTotal);

    private static StatisticsCells Row(StatisticsReport report, string key) =>
        report.Rows.SingleOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal))?.Cells ?? default;

    private static string Print(Case c) => $"window {c.Window}, {c.Policy}, by {c.By}: {RandomHistories.Print(c.Lines)}";

    private sealed record Case(List<HistoryLine> Lines, ReportingWindow Window, ReportPolicy Policy, Breakdown? By);

    private readonly record struct CoarseCells(long CarriedOver, long ReceivedOnline, long ReceivedDirect, long ReceivedPostal, long ResolvedTotal, long Withdrawn, long PendingTotal);
}
