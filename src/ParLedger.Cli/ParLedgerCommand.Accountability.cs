using System.CommandLine;
using System.Text;
using ParLedger.Audit;
using ParLedger.Cli.Formats;
using ParLedger.Interchange;
using ParLedger.Replay;
using ParLedger.Statistics;

namespace ParLedger.Cli;

/// <summary>The accountability table (<i>Phụ lục IV</i>).</summary>
public static partial class ParLedgerCommand
{
    private static Command AccountabilityCommand(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format") { Description = "table (default), csv, json or xlsx.", DefaultValueFactory = _ => "table" };
        var command = new Command("accountability", "One row per agency responsible for overdue dossiers in a window (Phụ lục IV): overdue dossiers, on-time rate (2.1) and online rate (3.3), most overdue first.")
        {
            PeriodOption, From, To, AsOf, Withdrawn, Precision, format, Out, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            var known = AsOfOf(parse);
            var formatText = parse.GetValue(format)!;
            if (formatText is not ("table" or "csv" or "json" or "xlsx"))
            {
                throw CliException.Usage($"--format '{formatText}': expected table, csv, json or xlsx.");
            }

            var output = OutputOf(parse, binary: formatText == "xlsx");
            var facts = await FactsOfAsync(parse, known, ct);

            var rows = Accountability.Compute(facts, window, policy);
            return await WriteAsync(output, stdout, formatText switch
            {
                "json" => Encoding.UTF8.GetBytes(AccountabilityFormats.Json(rows) + "\n"),
                "csv" => AccountabilityFormats.Csv(rows),
                "xlsx" => AccountabilityFormats.Xlsx(window, rows),
                _ => Encoding.UTF8.GetBytes(AccountabilityFormats.Table(window, rows) + "\n"),
            }, ct);
        }));
        return command;
    }
}
