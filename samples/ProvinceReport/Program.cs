using System.Diagnostics;
using System.Globalization;
using ParLedger.Marten;
using ParLedger.Replay;
using ParLedger.Statistics;
using ProvinceReport;
using Spectre.Console;

// The main demo: a synthetic history for Đồng Tháp's first half of 2022 whose published figures (seed document 003)
// ParLedger must reproduce. By default everything runs in memory (the replay fold, no database). With
// --connection CS (or PARLEDGER_CONNECTION) the history is also imported into PostgreSQL (schema parledger_demo, emptied
// first) and the same table is computed by the projection's SQL query.
// Output is culture-independent: the demo prints the same digits and dates on every machine.
CultureInfo.CurrentCulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("PARLEDGER_CONNECTION");
var historyFile = args.SkipWhile(a => a != "--write-history").Skip(1).FirstOrDefault();
var published = PublishedTable.DongThap2022H1;
var window = published.Window;

AnsiConsole.MarkupLine($"[bold]ParLedger demo[/]: {published.Province}, window {window.From:dd/MM/yyyy}–{window.To:dd/MM/yyyy} (2022-H1)");
var clock = Stopwatch.StartNew();
var lines = SyntheticHistory.Generate(published).ToList();
AnsiConsole.MarkupLine($"Generated a synthetic history: {lines.Count:N0} events in {clock.Elapsed.TotalSeconds:F1} s");

if (historyFile is not null)
{
    await using var writer = new StreamWriter(historyFile, false, new System.Text.UTF8Encoding(false));
    ParLedger.Interchange.JsonlHistoryWriter.Write(writer, lines.Select(l => (l.Dossier, l.Event)));
    AnsiConsole.MarkupLine($"Wrote the history to {Markup.Escape(historyFile)} (SPEC §6 JSON Lines): try parledger import / report --events on it.");
}

clock.Restart();
var facts = HistoryReplay.Fold(lines);
var replay = PeriodStatistics.Compute(facts, window, ReportPolicy.Default);
AnsiConsole.MarkupLine($"Replay (in memory): validated and folded {facts.Count:N0} dossiers in {clock.Elapsed.TotalSeconds:F1} s");

var reports = new List<(string Path, StatisticsReport Report)> { ("replay", replay) };
if (!string.IsNullOrEmpty(connection))
{
    await using var ledger = await DossierLedger.OpenAsync(new LedgerOptions(connection, "parledger_demo"));
    clock.Restart();
    await ledger.ResetAsync();
    var imported = await ledger.ImportAsync(lines);
    AnsiConsole.MarkupLine($"Projection: imported {imported.EventsAdded:N0} events (validated, binary COPY) and built the facts tables in {clock.Elapsed.TotalSeconds:F1} s");
    clock.Restart();
    var sql = await ledger.ReportAsync(window, ReportPolicy.Default);
    AnsiConsole.MarkupLine($"Projection: one SQL window query in {clock.Elapsed.TotalMilliseconds:F0} ms (first run)");
    clock.Restart();
    sql = await ledger.ReportAsync(window, ReportPolicy.Default);
    AnsiConsole.MarkupLine($"Projection: the same query again in {clock.Elapsed.TotalMilliseconds:F0} ms");
    reports.Add(("projection (SQL)", sql));
}

var table = new Table().Title("Biểu số 06/VPCP/KSTT — tình hình giải quyết TTHC").Border(TableBorder.Rounded);
table.AddColumn("Chỉ tiêu");
table.AddColumn(new TableColumn("Đã công bố").RightAligned());
foreach (var (path, _) in reports)
{
    table.AddColumn(new TableColumn(path).RightAligned());
}

var allMatch = true;
void Row(string label, long expected, Func<StatisticsCells, long> cell)
{
    var cells = new List<string> { label, $"{expected:N0}" };
    foreach (var (_, report) in reports)
    {
        var actual = cell(report.Total);
        allMatch &= actual == expected;
        cells.Add(actual == expected ? $"[green]{actual:N0}[/]" : $"[red]{actual:N0}[/]");
    }

    table.AddRow(cells.ToArray());
}

Row("Từ kỳ trước (carried_over)", published.CarriedOver, c => c.CarriedOver);
Row("Trực tuyến (received_online)", published.ReceivedOnline, c => c.ReceivedOnline);
Row("Trực tiếp, bưu chính (received_direct_postal)", published.ReceivedDirectPostal, c => c.ReceivedDirectPostal);
Row("Tổng số nhận (received_total)", published.CarriedOver + published.ReceivedOnline + published.ReceivedDirectPostal, c => c.ReceivedTotal);
Row("Trước hạn (resolved_early)", published.ResolvedEarly, c => c.ResolvedEarly);
Row("Đúng hạn (resolved_on_time)", published.ResolvedOnTime, c => c.ResolvedOnTime);
Row("Quá hạn (resolved_late)", published.ResolvedLate, c => c.ResolvedLate);
Row("Đã giải quyết (resolved_total)", published.ResolvedEarly + published.ResolvedOnTime + published.ResolvedLate, c => c.ResolvedTotal);
Row("Rút hồ sơ (withdrawn)", 0, c => c.Withdrawn);
Row("Trong hạn (pending_within)", published.PendingWithin, c => c.PendingWithin);
Row("Quá hạn (pending_overdue)", published.PendingOverdue, c => c.PendingOverdue);
Row("Đang giải quyết (pending_total)", published.PendingWithin + published.PendingOverdue, c => c.PendingTotal);
AnsiConsole.Write(table);

AnsiConsole.MarkupLine(allMatch
    ? "[green]Every cell matches the published report.[/]"
    : "[red]Some cells differ from the published report.[/]");
return allMatch ? 0 : 1;
