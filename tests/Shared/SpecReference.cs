using NodaTime;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Periods;

namespace ParLedger.Testing;

/// <summary>
/// An independent reference implementation of SPEC §3–§5, written straight from SPEC's text and nothing else (it
/// reads only the event records, the window's instants and <see cref="VietnamTime.DateOf"/>; none of the library's
/// statistics, deadline, replay or lifecycle code). It is literal, not fast: each dossier's history is sorted, filtered
/// and folded again for every question asked of it. Policies and breakdowns are the SPEC's own words
/// (<c>separate</c>, <c>resolved-on-time</c>, <c>day</c>, <c>instant</c>, <c>agency</c>, ...) and cells are SPEC §4's
/// JSON names, so the reference shares no type with the code it checks.
/// </summary>
public static class SpecReference
{
    /// <summary>The 14 cells of SPEC §4/§7, by JSON name, in the order of the report.</summary>
    public static IReadOnlyList<string> CellNames { get; } =
    [
        "carried_over", "received_online", "received_direct", "received_postal", "received_direct_postal", "received_total",
        "resolved_early", "resolved_on_time", "resolved_late", "resolved_total", "withdrawn",
        "pending_within", "pending_overdue", "pending_total",
    ];

    /// <summary>The breakdowns of SPEC §4 ("Rows: by ...").</summary>
    public static IReadOnlyList<string> Breakdowns { get; } = ["agency", "level", "field", "procedure", "channel"];

    /// <summary>The indicators of SPEC §5, by number.</summary>
    public static IReadOnlyList<string> Indicators { get; } = ["2.1", "3.3", "3.6", "4.1", "4.2", "4.3", "5.4"];

    /// <summary>
    /// The report of SPEC §4 over <paramref name="lines"/> for <paramref name="window"/>.
    /// <paramref name="withdrawn"/> is <c>separate</c> or <c>resolved-on-time</c>, <paramref name="precision"/> <c>day</c>
    /// or <c>instant</c>, <paramref name="by"/> one of <see cref="Breakdowns"/> or <see langword="null"/>;
    /// <paramref name="asOf"/> is SPEC §4's "as known at T".
    /// </summary>
    public static Report Compute(
        IEnumerable<HistoryLine> lines, ReportingWindow window, string withdrawn, string precision, string? by = null, Instant? asOf = null)
    {
        if (withdrawn is not ("separate" or "resolved-on-time"))
        {
            throw new ArgumentException($"withdrawn policy '{withdrawn}'", nameof(withdrawn));
        }

        if (precision is not ("day" or "instant"))
        {
            throw new ArgumentException($"precision '{precision}'", nameof(precision));
        }

        if (by is not null && !Breakdowns.Contains(by))
        {
            throw new ArgumentException($"breakdown '{by}'", nameof(by));
        }

        var judgements = new List<Judgement>();
        foreach (var dossier in lines.GroupBy(l => l.Dossier.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var skipped = new List<DossierEvent>();
            var history = HistoryAsKnown(dossier, asOf, skipped);
            if (history is not null)
            {
                judgements.Add(Judge(dossier.Key, history, window, withdrawn, precision) with { SkippedAsOf = skipped });
            }
        }

        var total = EmptyCells();
        var rows = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var j in judgements)
        {
            Count(total, j);
            if (by is not null)
            {
                var key = KeyOf(j.Received, by);
                if (!rows.TryGetValue(key, out var row))
                {
                    rows[key] = row = EmptyCells();
                }

                Count(row, j);
            }
        }

        Complete(total);
        foreach (var row in rows.Values)
        {
            Complete(row);
        }

        return new Report(
            total,
            [.. rows.Where(r => r.Value.Values.Any(v => v != 0)).Select(r => (r.Key, r.Value))],
            judgements);
    }

    /// <summary>
    /// The service-index numerators and denominators of SPEC §5 (by indicator number) over the same window and policies.
    /// </summary>
    public static IReadOnlyDictionary<string, (long Numerator, long Denominator)> ServiceIndex(
        IEnumerable<HistoryLine> lines, ReportingWindow window, string withdrawn, string precision, Instant? asOf = null)
    {
        var rates = Indicators.ToDictionary(i => i, _ => (Numerator: 0L, Denominator: 0L), StringComparer.Ordinal);
        void Add(string indicator, bool inDenominator, bool inNumerator)
        {
            if (inDenominator)
            {
                var (n, d) = rates[indicator];
                rates[indicator] = (inNumerator ? n + 1 : n, d + 1);
            }
        }

        var end = window.End;
        foreach (var j in Compute(lines, window, withdrawn, precision, null, asOf).Dossiers)
        {
            var res = j.Outcome is "resolved_early" or "resolved_on_time" or "resolved_late";
            var pen = j.Pending is not null;
            var isNew = window.Start <= j.Received.At && j.Received.At < end;
            var inTime = j.History.Where(e => e.At < end).ToList();

            var supplementRequests = inTime.Count(e => e is SupplementRequested);
            Add("2.1", res || pen, ((res && j.Outcome is "resolved_early" or "resolved_on_time") || j.Pending == "pending_within") && supplementRequests < 2);

            Add("3.3", isNew, j.Received.Channel == ReceiptChannel.Online);

            Add("3.6", isNew && j.Received.FeeRequired, inTime.Any(e => e is FeePaid { Online: true }));

            var resolvedWithElectronicResult = j.Terminal is DossierResolved { ElectronicResult: true };
            Add("4.1", res && j.Terminal is DossierResolved, resolvedWithElectronicResult);
            Add("4.2", res && j.Terminal is DossierResolved, resolvedWithElectronicResult && inTime.Any(e => e is DossierDigitized));

            Add("4.3", isNew, inTime.Any(e => e is DossierDigitized { Reused: true }));

            var lastRating = inTime.OfType<DossierRated>().LastOrDefault();
            var late = j.Outcome == "resolved_late" || j.Pending == "pending_overdue";
            Add("5.4", res || pen, !late && lastRating is not { Satisfied: false });
        }

        return rates;
    }

    /// <summary>
    /// What SPEC §2's lifecycle rules (and §6's "repeats within the file are skipped") would refuse in these lines, one
    /// message per broken rule; empty when every dossier's history is valid and has no repeated event.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<HistoryLine> lines)
    {
        var violations = new List<string>();
        foreach (var dossier in lines.GroupBy(l => l.Dossier.Value, StringComparer.Ordinal))
        {
            var inLineOrder = dossier.OrderBy(l => l.LineNumber).Select(l => l.Event).ToList();
            var history = BusinessOrder(dossier.ToList());
            void Fail(string rule) => violations.Add($"{dossier.Key}: {rule}");

            for (var i = 0; i < inLineOrder.Count; i++)
            {
                for (var k = 0; k < i; k++)
                {
                    if (inLineOrder[k].IsSameFactAs(inLineOrder[i]))
                    {
                        Fail($"§6 a repeated {inLineOrder[i].TypeName} at {inLineOrder[i].At}");
                    }
                }
            }

            if (history.Count == 0 || history[0] is not DossierReceived || history.Count(e => e is DossierReceived) != 1)
            {
                Fail("rule 1: the first event is received, and there is exactly one");
            }

            ClockStopOpened? open = null;
            TerminalEvent? terminal = null;
            var returned = false;
            foreach (var e in history)
            {
                if (e.Recorded < e.At)
                {
                    Fail($"rule 2: {e.TypeName} recorded before its at");
                }

                if ((e is DossierReceived { Due: var d1 } && d1 < e.At) || (e is ClockStopClosed { Due: { } d2 } && d2 < e.At))
                {
                    Fail($"rule 2: the due of {e.TypeName} is before its at");
                }

                if (terminal is not null && e is not (ResultReturned or FeePaid or DossierDigitized or DossierRated))
                {
                    Fail($"rule 3: {e.TypeName} after the terminal event");
                }

                switch (e)
                {
                    case TerminalEvent t:
                        terminal = t;
                        break;
                    case ClockStopOpened o when open is not null:
                        Fail($"rule 4: {o.TypeName} while a stop is open");
                        break;
                    case ClockStopOpened o:
                        open = o;
                        break;
                    case SupplementReceived when open is not SupplementRequested:
                    case DossierResumed when open is not DossierPaused:
                        Fail($"rule 4: {e.TypeName} without its open stop");
                        break;
                    case ClockStopClosed:
                        open = null;
                        break;
                    case ResultReturned when terminal is not DossierResolved || returned:
                        Fail("rule 6: result_returned only after resolved, at most once");
                        break;
                    case ResultReturned:
                        returned = true;
                        break;
                    case DossierRated when terminal is null:
                        Fail("rule 6: rated only after the terminal event");
                        break;
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// One dossier's history as known at <paramref name="asOf"/>, in business order (SPEC §2, §4 "As known at"):
    /// <see langword="null"/> when its <c>received</c> is not known (the dossier does not exist at T).
    /// </summary>
    private static List<DossierEvent>? HistoryAsKnown(IEnumerable<HistoryLine> dossier, Instant? asOf, List<DossierEvent> skipped)
    {
        var lines = dossier.ToList();
        if (asOf is { } t)
        {
            lines = [.. lines.Where(l => l.Event.Recorded <= t)];
        }

        var history = BusinessOrder(lines);
        if (!history.Any(e => e is DossierReceived))
        {
            return null;
        }

        if (asOf is null)
        {
            return history;
        }

        // SPEC §4: in the filtered history an event rule 4 of §2 would refuse is skipped: an opening while a stop is
        // open; a closing with no open stop (with its due), and so a closing of the other kind of stop.
        var kept = new List<DossierEvent>();
        ClockStopOpened? open = null;
        foreach (var e in history)
        {
            switch (e)
            {
                case ClockStopOpened when open is not null:
                    skipped.Add(e);
                    continue;
                case ClockStopOpened o:
                    open = o;
                    break;
                case SupplementReceived when open is not SupplementRequested:
                case DossierResumed when open is not DossierPaused:
                    skipped.Add(e);
                    continue;
                case ClockStopClosed:
                    open = null;
                    break;
            }

            kept.Add(e);
        }

        return kept;
    }

    /// <summary>SPEC §2: by <c>at</c>, and for equal <c>at</c> in line order.</summary>
    private static List<DossierEvent> BusinessOrder(IReadOnlyList<HistoryLine> lines) =>
        [.. lines.OrderBy(l => l.Event.At).ThenBy(l => l.LineNumber).Select(l => l.Event)];

    /// <summary>
    /// SPEC §3: the effective due after a prefix of the history, folding it in business order, and the stop still open
    /// at its end (if any).
    /// </summary>
    private static (Instant Due, ClockStopOpened? Open) EffectiveDue(IEnumerable<DossierEvent> prefix)
    {
        Instant? due = null;
        ClockStopOpened? open = null;
        foreach (var e in prefix)
        {
            switch (e)
            {
                case DossierReceived received:
                    due = received.Due;
                    break;
                case ClockStopOpened opening:
                    open = opening;
                    break;
                case ClockStopClosed closing:
                    var opened = open ?? throw new InvalidOperationException($"{closing.TypeName} at {closing.At} without an open stop");
                    due = closing.Due ?? due!.Value + (closing.At - opened.At);
                    open = null;
                    break;
            }
        }

        return (due ?? throw new InvalidOperationException("no received in the prefix"), open);
    }

    /// <summary>The events before <paramref name="e"/> in business order (it is one of <paramref name="history"/>).</summary>
    private static List<DossierEvent> Before(List<DossierEvent> history, DossierEvent e) =>
        history.GetRange(0, history.FindIndex(x => ReferenceEquals(x, e)));

    /// <summary>SPEC §3 timeliness of a dossier finished at <paramref name="f"/> against <paramref name="due"/>.</summary>
    private static string Timeliness(Instant f, Instant due, string precision)
    {
        var (df, dd) = (VietnamTime.DateOf(f), VietnamTime.DateOf(due));
        if (precision == "day")
        {
            return df < dd ? "resolved_early" : df == dd ? "resolved_on_time" : "resolved_late";
        }

        return f > due ? "resolved_late" : df < dd ? "resolved_early" : "resolved_on_time";
    }

    private static Judgement Judge(string code, List<DossierEvent> history, ReportingWindow window, string withdrawn, string precision)
    {
        var (start, end) = (window.Start, window.End);
        var received = history.OfType<DossierReceived>().Single();
        var terminal = history.OfType<TerminalEvent>().SingleOrDefault();
        var r = received.At;
        Instant? f = terminal?.At;

        string? inflow = null;
        if (r < start && (f is null || f >= start))
        {
            inflow = "carried_over";
        }
        else if (start <= r && r < end)
        {
            inflow = received.Channel switch
            {
                ReceiptChannel.Online => "received_online",
                ReceiptChannel.Direct => "received_direct",
                ReceiptChannel.Postal => "received_postal",
                _ => throw new ArgumentOutOfRangeException(nameof(history), received.Channel, "channel"),
            };
        }

        string? outcome = null;
        var judgedAtStop = false;
        var pulledBack = false;
        if (terminal is not null && start <= terminal.At && terminal.At < end)
        {
            if (terminal is DossierWithdrawn)
            {
                outcome = withdrawn == "separate" ? "withdrawn" : "resolved_on_time";
            }
            else
            {
                var before = Before(history, terminal);
                var (due, open) = EffectiveDue(before);
                if (open is null)
                {
                    outcome = Timeliness(terminal.At, due, precision);
                    pulledBack = outcome != "resolved_late" && ClosingPulledBack(before, precision);
                }
                else
                {
                    judgedAtStop = true;
                    var beforeOpening = Before(history, open);
                    outcome = Timeliness(open.At, EffectiveDue(beforeOpening).Due, precision);
                    pulledBack = outcome != "resolved_late" && ClosingPulledBack(beforeOpening, precision);
                }
            }
        }

        string? pending = null;
        if (r < end && (f is null || f >= end))
        {
            var inTime = history.TakeWhile(e => e.At < end).ToList();
            var (due, open) = EffectiveDue(inTime);
            bool overdue;
            List<DossierEvent> judged;
            if (open is null)
            {
                overdue = precision == "day" ? VietnamTime.DateOf(due) < window.To : due < end;
                judged = inTime;
            }
            else
            {
                judgedAtStop = true;
                var p = open.At;
                judged = Before(history, open);
                var dueAtP = EffectiveDue(judged).Due;
                overdue = precision == "day" ? VietnamTime.DateOf(dueAtP) < VietnamTime.DateOf(p) : dueAtP < p;
            }

            pending = overdue ? "pending_overdue" : "pending_within";
            pulledBack = !overdue && ClosingPulledBack(judged, precision);
        }

        return new Judgement(code, history, received, terminal, inflow, outcome, pending, judgedAtStop, pulledBack);
    }

    /// <summary>
    /// Whether some closing in <paramref name="prefix"/> came while the dossier was already late at its stop's opening
    /// (so a dossier judged in time after it was moved back within by it): for the coverage of the tests only.
    /// </summary>
    private static bool ClosingPulledBack(List<DossierEvent> prefix, string precision)
    {
        foreach (var closing in prefix.OfType<ClockStopClosed>())
        {
            var upToClosing = Before(prefix, closing);
            var opening = upToClosing.OfType<ClockStopOpened>().Last();
            var dueAtOpening = EffectiveDue(Before(prefix, opening)).Due;
            var lateAtOpening = precision == "day"
                ? VietnamTime.DateOf(dueAtOpening) < VietnamTime.DateOf(opening.At)
                : dueAtOpening < opening.At;
            if (lateAtOpening)
            {
                return true;
            }
        }

        return false;
    }

    private static string KeyOf(DossierReceived received, string by) => by switch
    {
        "agency" => received.Agency.Value,
        "level" => received.Level switch
        {
            AdministrativeLevel.Province => "province",
            AdministrativeLevel.District => "district",
            AdministrativeLevel.Commune => "commune",
            _ => throw new ArgumentOutOfRangeException(nameof(received), received.Level, "level"),
        },
        "field" => received.Field ?? string.Empty,
        "procedure" => received.Procedure.Value,
        "channel" => received.Channel switch
        {
            ReceiptChannel.Online => "online",
            ReceiptChannel.Direct => "direct",
            ReceiptChannel.Postal => "postal",
            _ => throw new ArgumentOutOfRangeException(nameof(received), received.Channel, "channel"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "breakdown"),
    };

    private static Dictionary<string, long> EmptyCells() => CellNames.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);

    private static void Count(Dictionary<string, long> cells, Judgement j)
    {
        foreach (var cell in new[] { j.Inflow, j.Outcome, j.Pending })
        {
            if (cell is not null)
            {
                cells[cell]++;
            }
        }
    }

    /// <summary>The sums of SPEC §4.</summary>
    private static void Complete(Dictionary<string, long> c)
    {
        c["received_direct_postal"] = c["received_direct"] + c["received_postal"];
        c["received_total"] = c["carried_over"] + c["received_online"] + c["received_direct_postal"];
        c["resolved_total"] = c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"];
        c["pending_total"] = c["pending_within"] + c["pending_overdue"];
    }

    /// <summary>A reference report: totals, rows (ordinal key order, only keys with a non-zero cell) and each dossier's judgement.</summary>
    public sealed record Report(
        IReadOnlyDictionary<string, long> Total,
        IReadOnlyList<(string Key, Dictionary<string, long> Cells)> Rows,
        IReadOnlyList<Judgement> Dossiers);

    /// <summary>
    /// How the reference judged one existing dossier: its history as known (business order), the cells it counts in
    /// (<see cref="Inflow"/>: carried over or received; <see cref="Outcome"/>: resolved or withdrawn; <see cref="Pending"/>),
    /// whether it was judged at an open stop's opening, and whether a closing moved it back within after it was late.
    /// </summary>
    public sealed record Judgement(
        string Code,
        IReadOnlyList<DossierEvent> History,
        DossierReceived Received,
        TerminalEvent? Terminal,
        string? Inflow,
        string? Outcome,
        string? Pending,
        bool JudgedAtOpenStop,
        bool ClosingMovedBackWithin)
    {
        /// <summary>The events of the as-of history that SPEC §4 skips (rule 4 of §2 would refuse them).</summary>
        public IReadOnlyList<DossierEvent> SkippedAsOf { get; init; } = [];
    }
}
