using System.CommandLine;
using System.Text;
using ParLedger.Audit;
using ParLedger.Cli.Formats;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Replay;
using ParLedger.Statistics;

namespace ParLedger.Cli;

/// <summary>The audit's <c>explain</c>: the dossiers behind a cell, or those moved between two knowledge instants.</summary>
public static partial class ParLedgerCommand
{
    private static Command ExplainCommand(TextWriter stdout, TextWriter stderr)
    {
        var cellArgument = new Argument<string>("CELL") { Description = "The cell, as SPEC §7 names it: carried_over, received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late, withdrawn, pending_within or pending_overdue." };
        var by = new Option<string?>("--by") { Description = "The breakdown of the row: agency, level, field, procedure or channel (with --key)." };
        var key = new Option<string?>("--key") { Description = "The row's key under --by (an agency code, a procedure code…)." };
        var compareAsOf = new Option<string?>("--compare-as-of") { Description = "A later knowledge instant: list the dossiers that entered or left the cell between --as-of and it, with the late-recorded events that moved them." };
        var format = new Option<string>("--format") { Description = "table (default), csv or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("explain", "The dossiers behind one cell of a window's report, with the facts that put each there (one line per dossier; as many lines as the cell counts).")
        {
            cellArgument, PeriodOption, From, To, by, key, AsOf, compareAsOf, Withdrawn, Precision, format, Out, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var cellText = parse.GetValue(cellArgument)!;
            var cell = Text.TryParse(cellText, out StatisticsCell c)
                ? c
                : throw CliException.Usage($"CELL '{cellText}': expected one of {string.Join(", ", Enum.GetValues<StatisticsCell>().Select(Text.Of))}.");
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            Breakdown? breakdown = parse.GetValue(by) is { } byText
                ? Text.TryParse(byText, out Breakdown b) ? b : throw CliException.Usage($"--by '{byText}': expected agency, level, field, procedure or channel.")
                : null;
            var rowKey = parse.GetValue(key);
            if ((breakdown is null) != (rowKey is null))
            {
                throw CliException.Usage("--by and --key go together: give both to explain one row's cell, or neither for the totals.");
            }

            var formatText = parse.GetValue(format)!;
            if (formatText is not ("table" or "csv" or "json"))
            {
                throw CliException.Usage($"--format '{formatText}': expected table, csv or json.");
            }

            var known = AsOfOf(parse);
            var later = parse.GetValue(compareAsOf) is { } laterText
                ? InstantText.TryParse(laterText, out var t2) ? t2 : throw CliException.Usage($"--compare-as-of '{laterText}': expected an ISO-8601 instant with an offset, e.g. 2022-06-15T00:00:00+07:00.")
                : (NodaTime.Instant?)null;
            if (later is not null && known is null)
            {
                throw CliException.Usage("--compare-as-of needs --as-of: the first knowledge instant to compare with.");
            }

            if (later is { } second && known is { } first && second < first)
            {
                throw CliException.Usage($"--compare-as-of {InstantText.Format(second)} is before --as-of {InstantText.Format(first)}.");
            }

            var output = OutputOf(parse, binary: false);
            if (later is { } until && known is { } since)
            {
                var changes = new List<CellChange>();
                await foreach (var (code, history) in HistoriesAsync(parse, ct))
                {
                    if (CellExplainer.Change(code, history, since, until, window, policy, cell, breakdown, rowKey) is { } change)
                    {
                        changes.Add(change);
                    }
                }

                changes.Sort((x, y) => string.CompareOrdinal(x.Code.Value, y.Code.Value));
                return await WriteAsync(output, stdout, formatText switch
                {
                    "json" => Encoding.UTF8.GetBytes(ExplainFormats.ChangesJson(cell, window, since, until, changes) + "\n"),
                    "csv" => ExplainFormats.ChangesCsv(changes),
                    _ => Encoding.UTF8.GetBytes(ExplainFormats.ChangesTable(cell, window, since, until, changes) + "\n"),
                }, ct);
            }

            var facts = await FactsOfAsync(parse, known, ct);

            var dossiers = CellExplainer.Explain(facts, window, policy, cell, breakdown, rowKey);
            return await WriteAsync(output, stdout, formatText switch
            {
                "json" => Encoding.UTF8.GetBytes(ExplainFormats.Json(cell, window, known, dossiers) + "\n"),
                "csv" => ExplainFormats.Csv(dossiers),
                _ => Encoding.UTF8.GetBytes(ExplainFormats.Table(cell, window, dossiers) + "\n"),
            }, ct);
        }));
        return command;
    }

    /// <summary>Every dossier's history (events in business order, with their recording instants), from the file or the store.</summary>
    private static async IAsyncEnumerable<(DossierCode Code, IReadOnlyList<DossierEvent> History)> HistoriesAsync(ParseResult parse, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (EventsFileOf(parse) is { } file)
        {
            foreach (var (code, history) in HistoryReplay.Histories(JsonlHistoryReader.ReadFile(file)))
            {
                yield return (code, [.. history.Select(l => l.Event)]);
            }

            yield break;
        }

        await using var ledger = await OpenAsync(parse, write: false, ct);
        await RefuseEmptyAsync(ledger, ct);
        await foreach (var (code, events) in ledger.ReadHistoriesAsync(ct))
        {
            yield return (code, BusinessOrder.Sort(events));
        }
    }
}
