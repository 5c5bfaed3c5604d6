using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Periods;

namespace ParLedger.Testing;

/// <summary>
/// Random, valid, edge-heavy dossier histories: instants on 00:00 and 23:59:59 local, equal instants, clock stops
/// with and without a new due, terminal events during an open stop, late (back-dated) recording, overdue notices,
/// withdrawals, stops and refusals. Lines come in recording order, as an append log exports them.
/// </summary>
public static class RandomHistories
{
    private static readonly string[] Agencies = ["000.00.03.H57", "000.00.13.H57", "000.30.36.H57", "H57.07", "H57.08"];
    private static readonly string[] Fields = ["Hộ tịch", "Đất đai", "Xây dựng", "Chứng thực"];
    private static readonly LocalDate FirstDay = new(2021, 10, 1);

    public static List<HistoryLine> Generate(int seed, int dossiers)
    {
        var random = new Random(seed);
        var generated = new List<(HistoryLine Line, long Order)>();
        long order = 0;
        for (var d = 0; d < dossiers; d++)
        {
            var code = new DossierCode($"D{seed:x}-{d:D5}");
            foreach (var e in Dossier(random))
            {
                generated.Add((new HistoryLine("random.jsonl", 0, code, e), order++));
            }
        }

        return generated
            .OrderBy(g => g.Line.Event.Recorded).ThenBy(g => g.Order)
            .Select((g, i) => g.Line with { LineNumber = i + 1 })
            .ToList();
    }

    /// <summary>
    /// The same lines with each dossier's lines next to each other (dossiers in order of first appearance, a dossier's
    /// lines in their original order), renumbered: the shape <c>export</c> writes, which imports in one pass.
    /// </summary>
    public static List<HistoryLine> GroupedByDossier(IEnumerable<HistoryLine> lines) =>
        lines.GroupBy(l => l.Dossier)
            .SelectMany(g => g)
            .Select((l, i) => l with { LineNumber = i + 1 })
            .ToList();

    public static ReportingWindow Window(Random random)
    {
        var from = FirstDay.PlusDays(random.Next(0, 330));
        var length = random.Next(4) switch
        {
            0 => 0, // a single day
            1 => random.Next(1, 10),
            2 => random.Next(25, 95),
            _ => random.Next(150, 200),
        };
        return new ReportingWindow(from, from.PlusDays(length));
    }

    public static Instant AsOf(Random random) => Instant(FirstDay.PlusDays(random.Next(0, 400)), random);

    private static IEnumerable<DossierEvent> Dossier(Random random)
    {
        var events = new List<DossierEvent>();
        var day = FirstDay.PlusDays(random.Next(0, 300));
        var t = Instant(day, random);
        var received = new DossierReceived(
            t,
            new AgencyCode(Agencies[random.Next(Agencies.Length)]),
            new ProcedureCode($"1.00{random.Next(100, 105)}"),
            random.Next(5) == 0 ? null : Fields[random.Next(Fields.Length)],
            (AdministrativeLevel)random.Next(3),
            (ReceiptChannel)random.Next(3),
            Due(t, random),
            random.Next(3) == 0);
        events.Add(received);
        ClockStopOpened? open = null;
        TerminalEvent? terminal = null;
        var returned = false;
        var steps = random.Next(0, 8);
        for (var s = 0; s < steps; s++)
        {
            t = Advance(t, random);
            DossierEvent? next = null;
            if (terminal is null)
            {
                switch (random.Next(10))
                {
                    case 0:
                        next = new DossierTransferred(t, new AgencyCode(Agencies[random.Next(Agencies.Length)]));
                        break;
                    case 1:
                        next = new DossierOverdue(t, random.Next(2) == 0 ? null : t + Duration.FromDays(3));
                        break;
                    case 2 or 3 when open is null:
                        next = open = random.Next(2) == 0 ? new SupplementRequested(t) : new DossierPaused(t);
                        break;
                    case 2 or 3 or 4 when open is not null:
                        var due = random.Next(3) == 0 ? (Instant?)Due(t, random) : null;
                        next = open is SupplementRequested ? new SupplementReceived(t, due) : new DossierResumed(t, due);
                        open = null;
                        break;
                    case 5 or 6 or 7:
                        next = terminal = random.Next(6) switch
                        {
                            0 => new DossierWithdrawn(t),
                            1 => new DossierStopped(t),
                            2 => new DossierResolved(t, ResolutionOutcome.Refused),
                            _ => new DossierResolved(t, ResolutionOutcome.Approved, random.Next(2) == 0),
                        };
                        break;
                    case 8:
                        next = new DossierDigitized(t, random.Next(2) == 0);
                        break;
                    default:
                        next = new FeePaid(t, random.Next(2) == 0);
                        break;
                }
            }
            else
            {
                switch (random.Next(4))
                {
                    case 0 when terminal is DossierResolved && !returned:
                        next = new ResultReturned(t);
                        returned = true;
                        break;
                    case 1:
                        next = new DossierRated(t, random.Next(3) != 0);
                        break;
                    case 2:
                        next = new DossierDigitized(t, random.Next(2) == 0);
                        break;
                    default:
                        next = new FeePaid(t, random.Next(2) == 0);
                        break;
                }
            }

            if (next is not null)
            {
                // The same fact twice is a repeat that import skips (SPEC §6): move it by a second instead.
                if (events.Exists(e => e.IsSameFactAs(next)))
                {
                    t += Duration.FromSeconds(1);
                    next = next switch
                    {
                        ClockStopClosed { Due: { } due } closed when due < t => closed with { At = t, Due = t },
                        _ => next with { At = t },
                    };
                }

                events.Add(next);
            }
        }

        // Recording instants: mostly at once, sometimes late; never earlier than an equal-at predecessor's,
        // so that lines sorted by recording instant keep equal-at events in their business order.
        var result = new List<DossierEvent>(events.Count);
        DossierEvent? previous = null;
        foreach (var e in events)
        {
            var recorded = random.Next(5) == 0 ? e.At + Duration.FromHours(random.Next(1, 24 * 40)) : e.At;
            if (previous is not null && previous.At == e.At && previous.Recorded > recorded)
            {
                recorded = previous.Recorded;
            }

            var withRecorded = e with { Recorded = recorded };
            result.Add(withRecorded);
            previous = withRecorded;
        }

        return result;
    }

    private static Instant Instant(LocalDate day, Random random)
    {
        var time = random.Next(5) switch
        {
            0 => LocalTime.Midnight,
            1 => new LocalTime(23, 59, 59),
            2 => new LocalTime(17, 0),
            _ => LocalTime.FromSecondsSinceMidnight(random.Next(0, 86400)),
        };
        return VietnamTime.ToInstant(day + time);
    }

    private static Instant Due(Instant from, Random random)
    {
        var date = VietnamTime.DateOf(from).PlusDays(random.Next(0, 20));
        var due = random.Next(4) switch
        {
            0 => VietnamTime.StartOf(date),
            1 => VietnamTime.ToInstant(date + new LocalTime(23, 59, 59)),
            2 => from + Duration.FromHours(random.Next(0, 72)),
            _ => VietnamTime.ToInstant(date + new LocalTime(17, 0)),
        };
        return due < from ? from : due;
    }

    private static Instant Advance(Instant t, Random random) => random.Next(6) switch
    {
        0 => t, // equal instants
        1 => t + Duration.FromSeconds(1),
        2 => t + Duration.FromHours(random.Next(1, 30)),
        3 => Instant(VietnamTime.DateOf(t).PlusDays(random.Next(1, 15)), random),
        _ => t + Duration.FromMinutes(random.Next(1, 60 * 24 * 10)),
    };
}
