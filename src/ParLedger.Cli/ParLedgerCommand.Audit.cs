using System.CommandLine;
using System.Text;
using ParLedger.Audit;
using ParLedger.Cli.Formats;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Cli;

/// <summary>The <c>audit</c> command (SPEC §8): a published table compared, cell by cell, with the same report rebuilt from the history.</summary>
public static partial class ParLedgerCommand
{
    private static Command AuditCommand(TextWriter stdout, TextWriter stderr)
    {
        var published = new Option<FileInfo>("--published")
        {
            Description = "The published table: SPEC §7 JSON, or the CSV or XLSX layout report writes (also typed by hand; empty cells and absent columns are not published).",
        };
        var projections = new Option<bool>("--projections") { Description = "Instead of a published table: check the store's projected tables (facts, verdicts, sums) against a full replay of its events; exit 1 when any dossier or sum differs." };
        var windows = new Option<int>("--windows") { Description = "With --projections: how many random windows' reports to compare as well (default 20).", DefaultValueFactory = _ => 20 };
        var by = new Option<string?>("--by") { Description = "The published rows' breakdown: agency, level, field, procedure or channel (default: as the table says)." };
        var format = new Option<string>("--format") { Description = "table (default), json (the verdict, docs/domain.md), csv or xlsx (one line per finding).", DefaultValueFactory = _ => "table" };
        var command = new Command("audit", "Compare a published Biểu số 06 with the same report rebuilt from the history: each differing cell, then the table's own checks as warnings. Exit 1 when a published cell differs.")
        {
            published, projections, windows, PeriodOption, From, To, by, AsOf, Withdrawn, Precision, format, Out, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            if (parse.GetValue(projections))
            {
                return await AuditProjectionsAsync(parse, stdout, parse.GetResult(published) is { Implicit: false }, parse.GetValue(windows), parse.GetValue(format)!, ct);
            }

            var given = parse.GetValue(published) ?? throw CliException.Usage("audit needs --published FILE (a published table to check), or --projections (to check the store's projected tables).");
            var path = CliFiles.Input(given);
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            var known = AsOfOf(parse);
            var formatText = parse.GetValue(format)!;
            if (formatText is not ("table" or "csv" or "json" or "xlsx"))
            {
                throw CliException.Usage($"--format '{formatText}': expected table, csv, json or xlsx.");
            }

            Breakdown? breakdown = parse.GetValue(by) is { } byText
                ? Text.TryParse(byText, out Breakdown b) ? b : throw CliException.Usage($"--by '{byText}': expected agency, level, field, procedure or channel.")
                : null;
            var output = OutputOf(parse, binary: formatText == "xlsx");

            var file = Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? PublishedReportReader.Xlsx(path, await File.ReadAllBytesAsync(path, ct), parse.GetValue(PeriodOption))
                : PublishedReportReader.Read(path);
            var table = file.Report;
            if (file.Window is { } stated && stated != window)
            {
                throw CliException.Usage($"{path}: the table is of {Display.Date(stated.From)}–{Display.Date(stated.To)}, the audit asks {Display.Date(window.From)}–{Display.Date(window.To)}: give the table's window.");
            }

            if (file.Policy is { } statedPolicy)
            {
                var explicitWithdrawn = parse.GetResult(Withdrawn) is { Implicit: false };
                var explicitPrecision = parse.GetResult(Precision) is { Implicit: false };
                if ((explicitWithdrawn && statedPolicy.Withdrawn != policy.Withdrawn) || (explicitPrecision && statedPolicy.Precision != policy.Precision))
                {
                    throw CliException.Usage($"{path}: the table states withdrawn={statedPolicy.WithdrawnText}, precision={statedPolicy.PrecisionText}; the audit asks withdrawn={policy.WithdrawnText}, precision={policy.PrecisionText}.");
                }

                policy = statedPolicy; // the table's own policies, where the command line leaves them to their defaults
            }

            if (breakdown is { } asked && table.By is { } tableBy && asked != tableBy)
            {
                throw CliException.Usage($"--by {Text.Of(asked)}: the table's rows are by {Text.Of(tableBy)}.");
            }

            breakdown ??= table.By;
            if (breakdown is null && !table.Rows.IsEmpty)
            {
                throw CliException.Usage($"{path}: the table has rows but does not say their breakdown ('Đơn vị'): give --by agency, level, field, procedure or channel.");
            }

            table = table with { By = breakdown };
            var rebuilt = (await ReportsAsync(parse, [window], policy, breakdown, known, ct))[0];
            var audit = new AuditFormats.Audit(given.ToString(), table, rebuilt, ReportComparison.Compare(table, rebuilt));
            await WriteAsync(output, stdout, formatText switch
            {
                "json" => Encoding.UTF8.GetBytes(AuditFormats.Json(audit) + "\n"),
                "csv" => AuditFormats.Csv(audit),
                "xlsx" => AuditFormats.Xlsx(audit),
                _ => Encoding.UTF8.GetBytes(AuditFormats.Table(audit)),
            }, ct);
            return audit.Comparison.Matches ? 0 : 1;
        }));
        return command;
    }

    /// <summary><c>audit --projections</c>: the self-audit of a store's projected tables against a full replay.</summary>
    private static async Task<int> AuditProjectionsAsync(ParseResult parse, TextWriter stdout, bool publishedGiven, int windows, string format, CancellationToken ct)
    {
        if (publishedGiven)
        {
            throw CliException.Usage("give either --published FILE or --projections, not both.");
        }

        if (parse.GetResult(Events) is { Implicit: false })
        {
            throw CliException.Usage("--projections checks a store's projected tables: give --connection (or PARLEDGER_CONNECTION), not --events.");
        }

        if (windows is < 0 or > 10_000)
        {
            throw CliException.Usage($"--windows {windows}: expected 0 to 10000.");
        }

        if (format is not ("table" or "json"))
        {
            throw CliException.Usage($"--format '{format}': expected table or json with --projections.");
        }

        await using var ledger = await OpenAsync(parse, write: false, ct);
        await RefuseEmptyAsync(ledger, ct);
        var result = await ledger.AuditProjectionsAsync(windows, seed: 1, ct);
        await stdout.WriteLineAsync(format == "json" ? AuditFormats.ProjectionsJson(result) : AuditFormats.ProjectionsText(result));
        return result.Clean ? 0 : 1;
    }
}
