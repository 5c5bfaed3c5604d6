using CsCheck;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Tests.Statistics;

public class FoldPropertyTests
{
    private static readonly Gen<(int Seed, int Dossiers, int From, int Length, int Policy, int By)> Cases =
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 60], Gen.Int[0, 330], Gen.Int[0, 200], Gen.Int[0, 3], Gen.Int[0, 5]);

    [Fact]
    public void Any_valid_random_history_folds_and_every_window_satisfies_the_identity_on_every_row()
    {
        Cases.Sample(c =>
        {
            var lines = RandomHistories.Generate(c.Seed, c.Dossiers);
            var facts = HistoryReplay.Fold(lines);
            var from = new NodaTime.LocalDate(2021, 10, 1).PlusDays(c.From);
            var window = new ReportingWindow(from, from.PlusDays(c.Length));
            var policy = new ReportPolicy((WithdrawnPolicy)(c.Policy % 2), (ParLedger.Deadlines.TimelinessPrecision)(c.Policy / 2));
            Breakdown? by = c.By == 5 ? null : (Breakdown)c.By;

            var report = PeriodStatistics.Compute(facts, window, policy, by);

            report.Total.IdentityHolds.Should().BeTrue();
            report.Rows.Where(r => !r.Cells.IdentityHolds).Should().BeEmpty();
            if (by is not null)
            {
                report.Rows.Aggregate(default(StatisticsCells), (sum, r) => sum + r.Cells).Should().Be(report.Total);
            }
        }, iter: 300);
    }

    [Fact]
    public void The_streaming_fold_equals_folding_each_whole_history_whatever_the_line_order()
    {
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 40], Gen.Bool).Sample((seed, dossiers, shuffle) =>
        {
            var lines = RandomHistories.Generate(seed, dossiers);
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

            var asOf = random(seed);
            var expected = HistoryReplay.Histories(lines)
                .Select(h => DossierFacts.FromHistory(h.Code, h.History.Select(l => l.Event).Where(e => asOf is not { } t || e.Recorded <= t)))
                .OfType<DossierFacts>()
                .ToList();

            HistoryReplay.Fold(lines, asOf).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        }, iter: 200);

        static NodaTime.Instant? random(int seed) => seed % 3 == 0 ? null : RandomHistories.AsOf(new Random(seed));
    }

    [Fact]
    public void Every_generated_history_is_valid_and_survives_a_round_trip_through_the_interchange_format()
    {
        Gen.Int[1, 1_000_000].Sample(seed =>
        {
            var lines = RandomHistories.Generate(seed, 20);
            var text = string.Join('\n', lines.Select(l => JsonlHistoryWriter.FormatLine(l.Dossier, l.Event)));
            var back = JsonlHistoryReader.Read(new StringReader(text), "round-trip").ToList();

            back.Select(l => (l.Dossier, l.Event)).Should().Equal(lines.Select(l => (l.Dossier, l.Event)));
            foreach (var (code, history) in HistoryReplay.Histories(back))
            {
                LifecycleRules.Check(code, history.Select(h => h.Event).ToList()).Should().BeNull();
            }
        }, iter: 100);
    }
}
