using CsCheck;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Periods;

namespace ParLedger.Testing;

/// <summary>
/// Random, valid, edge-heavy dossier histories as composed CsCheck generators, so that a failing property shrinks to a
/// short history a person can read: instants on 00:00, 23:59:59 and 17:00 local, equal instants (same-<c>at</c> ties),
/// dues at 00:00, clock stops with and without a new due, stops still open at a window's end and terminal events during
/// an open stop, late (back-dated) recording, transfers, overdue notices, withdrawals, stops and refusals. Lines come in
/// recording order, as an append log exports them. <see cref="Generate"/> samples the same generators from a seed.
/// </summary>
public static class RandomHistories
{
    private static readonly string[] Agencies = ["000.00.03.H57", "000.00.13.H57", "000.30.36.H57", "H57.07", "H57.08"];
    private static readonly string[] Fields = ["Hộ tịch", "Đất đai", "Xây dựng", "Chứng thực"];
    private static readonly LocalDate FirstDay = new(2021, 10, 1);

    /// <summary>A time of day, the edges (00:00, 23:59:59, the 17:00 end of office hours) as often as any other second.</summary>
    private static readonly Gen<LocalTime> TimeOfDay = Gen.Frequency(
        (1, Gen.Const(LocalTime.Midnight)),
        (1, Gen.Const(new LocalTime(23, 59, 59))),
        (1, Gen.Const(new LocalTime(17, 0))),
        (2, Gen.Int[0, 86_399].Select(LocalTime.FromSecondsSinceMidnight)));

    private static readonly Gen<Instant> ReceivedAt =
        Gen.Select(Gen.Int[0, 299], TimeOfDay, (day, time) => VietnamTime.ToInstant(FirstDay.PlusDays(day) + time));

    /// <summary>A due relative to an event's instant: 00:00, 23:59:59 or 17:00 some days later, or some hours later.</summary>
    private static readonly Gen<DueRule> Dues = Gen.Frequency(
        (1, Gen.Int[0, 19].Select(days => new DueRule(DueKind.StartOfDay, days))),
        (1, Gen.Int[0, 19].Select(days => new DueRule(DueKind.EndOfDay, days))),
        (1, Gen.Int[0, 71].Select(hours => new DueRule(DueKind.Hours, hours))),
        (1, Gen.Int[0, 19].Select(days => new DueRule(DueKind.OfficeClose, days))));

    /// <summary>How far the next event is from the previous one; a sixth of the time not at all (a tie).</summary>
    private static readonly Gen<Step> Steps = Gen.Frequency(
        (1, Gen.Const<Step>(new Same())),
        (1, Gen.Const<Step>(new Seconds(1))),
        (1, Gen.Int[1, 29].Select(h => (Step)new Hours(h))),
        (1, Gen.Select(Gen.Int[1, 14], TimeOfDay, (days, time) => (Step)new NextDays(days, time))),
        (2, Gen.Int[1, 14_399].Select(m => (Step)new Minutes(m))));

    /// <summary>Hours an event is recorded after its instant: mostly 0 (at once), a fifth of the time up to 40 days late.</summary>
    private static readonly Gen<int> Lateness = Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 24 * 40 - 1]));

    private static readonly Gen<DueRule?> NewDue = Gen.Frequency((2, Gen.Const((DueRule?)null)), (1, Dues.Select(d => (DueRule?)d)));

    private static readonly Gen<Move> Moves = Gen.Select(
        Steps,
        Gen.Frequency((1, Gen.Const(Act.Transfer)), (1, Gen.Const(Act.Overdue)), (3, Gen.Const(Act.Stop)), (3, Gen.Const(Act.Terminal)), (1, Gen.Const(Act.Digitize)), (1, Gen.Const(Act.Fee))),
        Gen.Frequency((1, Gen.Const(After.Return)), (1, Gen.Const(After.Rate)), (1, Gen.Const(After.Digitize)), (1, Gen.Const(After.Fee))),
        Gen.Frequency((1, Gen.Const(Ending.Withdrawn)), (1, Gen.Const(Ending.Stopped)), (1, Gen.Const(Ending.Refused)), (3, Gen.Const(Ending.Approved))),
        Gen.Int[0, Agencies.Length - 1],
        Gen.Bool,
        NewDue,
        Lateness,
        (step, act, after, terminal, agency, flag, due, late) => new Move(step, act, after, terminal, agency, flag, due, late));

    /// <summary>One dossier's history, in business order, with recording instants.</summary>
    private static readonly Gen<IReadOnlyList<DossierEvent>> Dossiers = Gen.Select(
        ReceivedAt,
        Gen.Select(Gen.Int[0, Agencies.Length - 1], Gen.Int[100, 104], Gen.Frequency((1, Gen.Const(-1)), (4, Gen.Int[0, Fields.Length - 1]))),
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Frequency((2, Gen.Const(false)), (1, Gen.Const(true)))),
        Dues,
        Lateness,
        Moves.List[0, 7],
        (at, what, how, due, late, moves) => Build(at, what, how, due, late, moves));

    /// <summary>A reporting window: a single day, a few days, about a month to a quarter, or about half a year.</summary>
    public static Gen<ReportingWindow> Windows { get; } = Gen.Select(
        Gen.Int[0, 329],
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[1, 9]), (1, Gen.Int[25, 94]), (1, Gen.Int[150, 199])),
        (from, length) => new ReportingWindow(FirstDay.PlusDays(from), FirstDay.PlusDays(from + length)));

    /// <summary>A recording instant for an as-of report, over the histories' span and a little after.</summary>
    public static Gen<Instant> AsOfs { get; } =
        Gen.Select(Gen.Int[0, 399], TimeOfDay, (day, time) => VietnamTime.ToInstant(FirstDay.PlusDays(day) + time));

    /// <summary>Histories of <paramref name="minDossiers"/> to <paramref name="maxDossiers"/> dossiers, as lines in recording order.</summary>
    public static Gen<List<HistoryLine>> Histories(int minDossiers, int maxDossiers) =>
        Dossiers.List[minDossiers, maxDossiers].Select(Lines);

    /// <summary>A history of exactly <paramref name="dossiers"/> dossiers, sampled from the generators with a seed (reproducible).</summary>
    public static List<HistoryLine> Generate(int seed, int dossiers) => Sample(Dossiers.Array[dossiers].Select(Lines), seed);

    /// <summary>A value of <paramref name="gen"/> drawn with a seed: the same seed gives the same value.</summary>
    public static T Sample<T>(Gen<T> gen, int seed)
    {
        ArgumentNullException.ThrowIfNull(gen);
        return gen.Generate(new PCG((uint)seed | 1u, (ulong)seed), null, out _);
    }

    /// <summary>A window drawn with <paramref name="random"/> (for seeded loops), from <see cref="Windows"/>.</summary>
    public static ReportingWindow Window(Random random) => Sample(Windows, random.Next());

    /// <summary>An as-of instant drawn with <paramref name="random"/> (for seeded loops), from <see cref="AsOfs"/>.</summary>
    public static Instant AsOf(Random random) => Sample(AsOfs, random.Next());

    /// <summary>The lines as the interchange file would hold them, one per line: how a shrunk history is shown.</summary>
    public static string Print(IEnumerable<HistoryLine> lines) =>
        "\n" + string.Join('\n', lines.Select(l => JsonlHistoryWriter.FormatLine(l.Dossier, l.Event)));

    /// <summary>
    /// The same lines with each dossier's lines next to each other (dossiers in order of first appearance, a dossier's
    /// lines in their original order), renumbered: the shape <c>export</c> writes, which imports in one pass.
    /// </summary>
    public static List<HistoryLine> GroupedByDossier(IEnumerable<HistoryLine> lines) =>
        lines.GroupBy(l => l.Dossier)
            .SelectMany(g => g)
            .Select((l, i) => l with { LineNumber = i + 1 })
            .ToList();

    /// <summary>
    /// The first half (rounded up) of each dossier's history in business order, in the lines' own order: a store's
    /// earlier state, which importing all of <paramref name="lines"/> afterwards grows.
    /// </summary>
    public static List<HistoryLine> FirstHalfOfEachDossier(IReadOnlyList<HistoryLine> lines)
    {
        var prefixes = lines.GroupBy(l => l.Dossier)
            .SelectMany(g => Lifecycle.BusinessOrder.Sort(g.Select(l => l.Event).ToList()).Take((g.Count() + 1) / 2))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return lines.Where(l => prefixes.Contains(l.Event)).ToList();
    }

    /// <summary>Codes the dossiers in order and sorts their events by recording instant (ties in generation order).</summary>
    private static List<HistoryLine> Lines(IReadOnlyList<IReadOnlyList<DossierEvent>> dossiers)
    {
        var generated = new List<(HistoryLine Line, long Order)>();
        long order = 0;
        for (var d = 0; d < dossiers.Count; d++)
        {
            var code = new DossierCode($"D{d:D5}");
            foreach (var e in dossiers[d])
            {
                generated.Add((new HistoryLine("random.jsonl", 0, code, e), order++));
            }
        }

        return generated
            .OrderBy(g => g.Line.Event.Recorded).ThenBy(g => g.Order)
            .Select((g, i) => g.Line with { LineNumber = i + 1 })
            .ToList();
    }

    private static IReadOnlyList<DossierEvent> Build(
        Instant receivedAt, (int Agency, int Procedure, int Field) what, (int Level, int Channel, bool Fee) how, DueRule due, int late, List<Move> moves)
    {
        var t = receivedAt;
        var events = new List<(DossierEvent Event, int Late)>
        {
            (new DossierReceived(
                t,
                new AgencyCode(Agencies[what.Agency]),
                new ProcedureCode($"1.00{what.Procedure}"),
                what.Field < 0 ? null : Fields[what.Field],
                (AdministrativeLevel)how.Level,
                (ReceiptChannel)how.Channel,
                due.From(t),
                how.Fee), late),
        };
        ClockStopOpened? open = null;
        TerminalEvent? terminal = null;
        var returned = false;
        foreach (var move in moves)
        {
            t = move.Step.From(t);
            DossierEvent? next;
            if (terminal is null)
            {
                switch (move.Act)
                {
                    case Act.Transfer:
                        next = new DossierTransferred(t, new AgencyCode(Agencies[move.Agency]));
                        break;
                    case Act.Overdue:
                        next = new DossierOverdue(t, move.Flag ? null : t + Duration.FromDays(3));
                        break;
                    case Act.Stop when open is null:
                        next = open = move.Flag ? new SupplementRequested(t) : new DossierPaused(t);
                        break;
                    case Act.Stop:
                        var newDue = move.NewDue?.From(t);
                        next = open is SupplementRequested ? new SupplementReceived(t, newDue) : new DossierResumed(t, newDue);
                        open = null;
                        break;
                    case Act.Terminal:
                        next = terminal = move.Terminal switch
                        {
                            Ending.Withdrawn => new DossierWithdrawn(t),
                            Ending.Stopped => new DossierStopped(t),
                            Ending.Refused => new DossierResolved(t, ResolutionOutcome.Refused),
                            _ => new DossierResolved(t, ResolutionOutcome.Approved, move.Flag),
                        };
                        break;
                    case Act.Digitize:
                        next = new DossierDigitized(t, move.Flag);
                        break;
                    default:
                        next = new FeePaid(t, move.Flag);
                        break;
                }
            }
            else
            {
                next = move.After switch
                {
                    After.Return when terminal is DossierResolved && !returned => new ResultReturned(t),
                    After.Rate => new DossierRated(t, move.Flag),
                    After.Digitize => new DossierDigitized(t, move.Flag),
                    _ => new FeePaid(t, move.Flag),
                };
                returned |= next is ResultReturned;
            }

            // The same fact twice is a repeat that import skips (SPEC §6): move it by a second instead.
            if (events.Exists(e => e.Event.IsSameFactAs(next)))
            {
                t += Duration.FromSeconds(1);
                next = next switch
                {
                    ClockStopClosed { Due: { } d } closed when d < t => closed with { At = t, Due = t },
                    _ => next with { At = t },
                };
            }

            events.Add((next, move.Late));
        }

        // Recording instants: mostly at once, sometimes late; never earlier than an equal-at predecessor's,
        // so that lines sorted by recording instant keep equal-at events in their business order.
        var result = new List<DossierEvent>(events.Count);
        DossierEvent? previous = null;
        foreach (var (e, hoursLate) in events)
        {
            var recorded = e.At + Duration.FromHours(hoursLate);
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

    private enum DueKind
    {
        StartOfDay,
        EndOfDay,
        Hours,
        OfficeClose,
    }

    private enum Act
    {
        Transfer,
        Overdue,
        Stop,
        Terminal,
        Digitize,
        Fee,
    }

    private enum After
    {
        Return,
        Rate,
        Digitize,
        Fee,
    }

    private enum Ending
    {
        Withdrawn,
        Stopped,
        Refused,
        Approved,
    }

    /// <summary>A due <see cref="Amount"/> days (or hours) after an instant, never before it.</summary>
    private readonly record struct DueRule(DueKind Kind, int Amount)
    {
        public Instant From(Instant from)
        {
            var date = VietnamTime.DateOf(from).PlusDays(Amount);
            var due = Kind switch
            {
                DueKind.StartOfDay => VietnamTime.StartOf(date),
                DueKind.EndOfDay => VietnamTime.ToInstant(date + new LocalTime(23, 59, 59)),
                DueKind.Hours => from + Duration.FromHours(Amount),
                _ => VietnamTime.ToInstant(date + new LocalTime(17, 0)),
            };
            return due < from ? from : due;
        }
    }

    private readonly record struct Move(Step Step, Act Act, After After, Ending Terminal, int Agency, bool Flag, DueRule? NewDue, int Late);

    private abstract record Step
    {
        public abstract Instant From(Instant t);
    }

    private sealed record Same : Step
    {
        public override Instant From(Instant t) => t;
    }

    private sealed record Seconds(int Count) : Step
    {
        public override Instant From(Instant t) => t + Duration.FromSeconds(Count);
    }

    private sealed record Minutes(int Count) : Step
    {
        public override Instant From(Instant t) => t + Duration.FromMinutes(Count);
    }

    private sealed record Hours(int Count) : Step
    {
        public override Instant From(Instant t) => t + Duration.FromHours(Count);
    }

    private sealed record NextDays(int Count, LocalTime Time) : Step
    {
        public override Instant From(Instant t) => VietnamTime.ToInstant(VietnamTime.DateOf(t).PlusDays(Count) + Time);
    }
}
