using NodaTime;
using ParLedger;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;

namespace ProvinceReport;

/// <summary>
/// Generates a synthetic, valid history whose statistics for the published table's window are exactly the published
/// figures: each dossier is given the cell it must land in, then a history consistent with that cell is built
/// (receipt, transfers, a supplement request for some, resolution before/on/after the due, results returned, some
/// pending dossiers resolved after the window). Deterministic for a seed. Nothing here decides a statistic: the
/// library's own paths compute the table from the events.
/// </summary>
public static class SyntheticHistory
{
    private enum Outcome { Early, OnTime, Late, PendingWithin, PendingOverdue }

    /// <summary>
    /// A province's agencies at their real cardinality (issue 10): 20 departments (<c>000.00.NN.H57</c>, province level),
    /// 12 district-level people's committees (<c>000.NN.36.H57</c>) and 143 communes (<c>H57.DD.NNN</c>), 175 in all.
    /// </summary>
    private static readonly (string Code, AdministrativeLevel Level)[] Agencies =
    [
        .. Enumerable.Range(1, 20).Select(i => ($"000.00.{i:D2}.H57", AdministrativeLevel.Province)),
        .. Enumerable.Range(1, 12).Select(i => ($"000.{i + 20:D2}.36.H57", AdministrativeLevel.District)),
        .. Enumerable.Range(0, 143).Select(i => ($"H57.{(i % 12) + 1:D2}.{i + 1:D3}", AdministrativeLevel.Commune)),
    ];

    /// <summary>Procedures in force: 1,800, as seed 003 counts (1,788); a few carry most dossiers.</summary>
    private const int Procedures = 1_800;

    private static readonly string[] Fields = ["Hộ tịch", "Đất đai", "Xây dựng", "Chứng thực", "Giao thông vận tải", "Đăng ký kinh doanh", "Lao động"];

    public static IEnumerable<HistoryLine> Generate(PublishedTable table, int seed = 2022)
    {
        var random = new Random(seed);
        var start = table.Window.Start;
        var end = table.Window.End;
        var lastDay = table.Window.To;
        var total = table.CarriedOver + table.ReceivedOnline + table.ReceivedDirectPostal;
        var outcomes = new List<Outcome>((int)total);
        Add(outcomes, Outcome.Early, table.ResolvedEarly);
        Add(outcomes, Outcome.OnTime, table.ResolvedOnTime);
        Add(outcomes, Outcome.Late, table.ResolvedLate);
        Add(outcomes, Outcome.PendingWithin, table.PendingWithin);
        Add(outcomes, Outcome.PendingOverdue, table.PendingOverdue);
        if (outcomes.Count != total)
        {
            throw new InvalidOperationException($"The published table breaks its identity: {total} received, {outcomes.Count} resolved or pending.");
        }

        Shuffle(outcomes, random);
        // Inflow: the first CarriedOver dossiers were received before the window, then online, then direct/postal.
        for (var i = 0; i < outcomes.Count; i++)
        {
            var carried = i < table.CarriedOver;
            var channel = carried
                ? (ReceiptChannel)random.Next(3)
                : i < table.CarriedOver + table.ReceivedOnline ? ReceiptChannel.Online : random.Next(25) == 0 ? ReceiptChannel.Postal : ReceiptChannel.Direct;
            var code = new DossierCode($"000.00.{i % 97:D2}.H57-{i:D7}");
            foreach (var e in Dossier(outcomes[i], carried, channel, start, end, lastDay, random))
            {
                yield return new HistoryLine("synthetic", 0, code, e);
            }
        }
    }

    /// <summary>An index in <c>[0, count)</c>, small indices far more often: <c>count × u^power</c>.</summary>
    private static int Skewed(Random random, int count, double power) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), power)));

    private static IEnumerable<DossierEvent> Dossier(Outcome outcome, bool carried, ReceiptChannel channel, Instant start, Instant end, LocalDate lastDay, Random random)
    {
        // Skewed draws: a few agencies and procedures carry most dossiers, as in a province's one-stop statistics.
        var (agencyCode, level) = Agencies[Skewed(random, Agencies.Length, 2.0)];
        var agency = new AgencyCode(agencyCode);
        Instant r, due;
        Instant? f = null;
        switch (outcome)
        {
            case Outcome.Early or Outcome.OnTime:
                f = Between(start, end, random);
                r = carried ? start - Hours(random.Next(1, 24 * 40)) : Max(start, f.Value - Hours(random.Next(1, 24 * 12)));
                var dueDate = VietnamTime.DateOf(f.Value).PlusDays(outcome == Outcome.Early ? random.Next(1, 10) : 0);
                due = Max(r, VietnamTime.ToInstant(dueDate + new LocalTime(17, 0)));
                break;
            case Outcome.Late:
                f = Between(start + Hours(24 * 20), end, random);
                due = VietnamTime.ToInstant(VietnamTime.DateOf(f.Value).PlusDays(-random.Next(1, 10)) + new LocalTime(17, 0));
                r = carried ? Min(start, due) - Hours(random.Next(1, 24 * 20)) : Max(start, due - Hours(random.Next(24, 24 * 15)));
                break;
            case Outcome.PendingWithin:
                r = carried ? start - Hours(random.Next(1, 24 * 40)) : Between(start, end, random);
                due = Max(r, VietnamTime.ToInstant(lastDay.PlusDays(random.Next(0, 30)) + new LocalTime(17, 0)));
                if (random.Next(3) == 0)
                {
                    f = end + Hours(random.Next(1, 24 * 30)); // resolved after the window: still pending at its end
                }

                break;
            default:
                r = carried ? start - Hours(random.Next(1, 24 * 40)) : Between(start, end - Hours(24 * 4), random);
                due = VietnamTime.ToInstant(VietnamTime.DateOf(r).PlusDays(random.Next(1, 3)) + new LocalTime(17, 0));
                break;
        }

        yield return new DossierReceived(
            r, agency, new ProcedureCode($"1.{Skewed(random, Procedures, 4.0) + 1:D6}"), Fields[random.Next(Fields.Length)],
            level, channel, due, random.Next(4) == 0);
        var last = r;
        if (random.Next(5) == 0 && (f ?? end) - r > Duration.FromMinutes(10))
        {
            last = r + ((f ?? end) - r) / 2;
            yield return new DossierTransferred(last, new AgencyCode(Agencies[Skewed(random, Agencies.Length, 2.0)].Code), agency);
        }

        if (outcome is not (Outcome.Late or Outcome.PendingOverdue) && random.Next(12) == 0 && (f ?? end) - last > Duration.FromMinutes(10))
        {
            // A supplement request answered with the same appointment: the effective due is reset to it.
            var asked = last + ((f ?? end) - last) / 3;
            yield return new SupplementRequested(asked, "bổ sung thành phần hồ sơ");
            yield return new SupplementReceived(asked + ((f ?? end) - asked) / 2, Max(due, asked + ((f ?? end) - asked) / 2));
        }

        if (f is { } finished)
        {
            yield return new DossierResolved(finished, random.Next(40) == 0 ? ResolutionOutcome.Refused : ResolutionOutcome.Approved, random.Next(3) == 0);
            if (random.Next(2) == 0)
            {
                yield return new ResultReturned(finished + Hours(random.Next(1, 72)));
            }
        }
    }

    private static void Add(List<Outcome> list, Outcome outcome, long count)
    {
        for (var i = 0; i < count; i++)
        {
            list.Add(outcome);
        }
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static Duration Hours(int hours) => Duration.FromHours(hours);

    private static Instant Between(Instant from, Instant to, Random random) =>
        from + Duration.FromSeconds((long)(random.NextDouble() * (to - from).TotalSeconds));

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
