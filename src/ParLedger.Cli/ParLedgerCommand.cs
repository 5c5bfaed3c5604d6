using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using ParLedger.Deadlines;
using ParLedger.Interchange;
using ParLedger.Marten;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;

namespace ParLedger.Cli;

/// <summary>
/// The <c>parledger</c> command line (SPEC §8): parsing and formatting only; every rule lives in the domain.
/// Exit codes: 0 success, 1 an audit found differences, 2 bad usage or bad input, 3 a store error.
/// </summary>
public static class ParLedgerCommand
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (default: the PARLEDGER_CONNECTION environment variable)." };
        var events = new Option<FileInfo?>("--events") { Description = "Compute in memory from a JSON Lines history file instead of a database." };

        var import = new Command("import", "Import a JSON Lines history (SPEC §6) atomically and idempotently.");
        var importFile = new Argument<FileInfo>("FILE") { Description = "The history file (.jsonl)." };
        import.Arguments.Add(importFile);
        import.Options.Add(connection);
        import.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var cs = ConnectionOrNull(parse.GetValue(connection)) ?? throw new UsageException("import needs a store: give --connection CS or set PARLEDGER_CONNECTION.");
            var file = parse.GetValue(importFile)!;
            if (!file.Exists)
            {
                throw new UsageException($"{file.FullName}: no such file.");
            }

            await using var ledger = await OpenAsync(cs, ct);
            var result = await ledger.ImportAsync(JsonlHistoryReader.ReadFile(file.FullName), ct);
            await stdout.WriteLineAsync($"{file.Name}: {result.EventsRead} events read for {result.Dossiers} dossiers; added {result.EventsAdded} events ({result.NewDossiers} new dossiers, {result.GrownDossiers} grown), skipped {result.EventsSkipped} already stored.");
            return 0;
        }));

        var period = new Option<string?>("--period") { Description = "A period of SPEC §1: 2022-M06, 2022-Q1, 2022-H1, 2022-9M, 2022." };
        var from = new Option<string?>("--from") { Description = "The window's first date, yyyy-MM-dd (inclusive)." };
        var to = new Option<string?>("--to") { Description = "The window's last date, yyyy-MM-dd (inclusive)." };
        var by = new Option<string?>("--by") { Description = "Rows by agency, level, field, procedure or channel." };
        var asOf = new Option<string?>("--as-of") { Description = "Only events recorded by this instant (ISO-8601 with offset)." };
        var withdrawn = new Option<string>("--withdrawn") { Description = "separate (default) or resolved-on-time.", DefaultValueFactory = _ => "separate" };
        var precision = new Option<string>("--precision") { Description = "day (default) or instant.", DefaultValueFactory = _ => "day" };
        var format = new Option<string>("--format") { Description = "json (SPEC §7) or table.", DefaultValueFactory = _ => "table" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of standard output." };

        var report = new Command("report", "The Biểu số 06/VPCP/KSTT statistics for a window.");
        foreach (var option in new Option[] { period, from, to, by, asOf, withdrawn, precision, format, output, connection, events })
        {
            report.Options.Add(option);
        }

        report.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var window = Window(parse.GetValue(period), parse.GetValue(from), parse.GetValue(to));
            var policy = new ReportPolicy(
                parse.GetValue(withdrawn) switch
                {
                    "separate" => WithdrawnPolicy.Separate,
                    "resolved-on-time" => WithdrawnPolicy.ResolvedOnTime,
                    var other => throw new UsageException($"--withdrawn '{other}': expected separate or resolved-on-time."),
                },
                parse.GetValue(precision) switch
                {
                    "day" => TimelinessPrecision.Day,
                    "instant" => TimelinessPrecision.Instant,
                    var other => throw new UsageException($"--precision '{other}': expected day or instant."),
                });
            Breakdown? breakdown = parse.GetValue(by) is { } byText
                ? Text.TryParse(byText, out Breakdown b) ? b : throw new UsageException($"--by '{byText}': expected agency, level, field, procedure or channel.")
                : null;
            Instant? known = parse.GetValue(asOf) is { } asOfText
                ? InstantText.TryParse(asOfText, out var i) ? i : throw new UsageException($"--as-of '{asOfText}': expected an ISO-8601 instant with an offset, e.g. 2022-06-15T00:00:00+07:00.")
                : null;

            StatisticsReport result;
            if (parse.GetValue(events) is { } file)
            {
                if (!file.Exists)
                {
                    throw new UsageException($"{file.FullName}: no such file.");
                }

                var facts = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(file.FullName), known);
                result = PeriodStatistics.Compute(facts, window, policy, breakdown, known);
            }
            else
            {
                var cs = ConnectionOrNull(parse.GetValue(connection))
                    ?? throw new UsageException("report needs a store: give --connection CS, set PARLEDGER_CONNECTION, or compute in memory with --events FILE.jsonl.");
                await using var ledger = await OpenAsync(cs, ct);
                result = known is { } t
                    ? await ledger.ReportAsOfAsync(window, policy, t, breakdown, ct)
                    : await ledger.ReportAsync(window, policy, breakdown, ct);
            }

            var text = parse.GetValue(format) switch
            {
                "json" => ReportJson.Format(result),
                "table" => ReportTable.Format(result),
                var other => throw new UsageException($"--format '{other}': expected json or table."),
            };
            if (parse.GetValue(output) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, text + Environment.NewLine, ct);
            }
            else
            {
                await stdout.WriteLineAsync(text);
            }

            return 0;
        }));

        var root = new RootCommand("ParLedger: an event-sourced ledger of administrative-procedure dossiers and their exact period statistics.");
        root.Subcommands.Add(import);
        root.Subcommands.Add(report);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static string? ConnectionOrNull(string? given) =>
        given is { Length: > 0 } ? given : Environment.GetEnvironmentVariable("PARLEDGER_CONNECTION") is { Length: > 0 } env ? env : null;

    private static async Task<DossierLedger> OpenAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            return await DossierLedger.OpenAsync(new LedgerOptions(connectionString), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not UsageException)
        {
            throw new StoreException($"cannot open the store: {ex.Message}", ex);
        }
    }

    private static ReportingWindow Window(string? period, string? from, string? to)
    {
        if (period is not null)
        {
            if (from is not null || to is not null)
            {
                throw new UsageException("give either --period or --from and --to, not both.");
            }

            return ReportingPeriod.TryParse(period, out var p)
                ? p.ToWindow()
                : throw new UsageException($"--period '{period}': expected 2022-M06, 2022-Q1, 2022-H1, 2022-9M or 2022.");
        }

        if (from is null || to is null)
        {
            throw new UsageException("give the window: --period P, or --from DATE and --to DATE.");
        }

        var first = Date("--from", from);
        var last = Date("--to", to);
        return first <= last ? new ReportingWindow(first, last) : throw new UsageException($"--from {from} is after --to {to}.");
    }

    private static LocalDate Date(string option, string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } r ? r.Value : throw new UsageException($"{option} '{text}': expected a date yyyy-MM-dd.");

    private static async Task<int> Guarded(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"parledger: {ex.Message}");
            return 2;
        }
        catch (HistoryFormatException ex)
        {
            await stderr.WriteLineAsync($"parledger: {ex.Message}");
            return 2;
        }
        catch (StoreException ex)
        {
            await stderr.WriteLineAsync($"parledger: {ex.Message}");
            return 3;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await stderr.WriteLineAsync($"parledger: store error: {ex.Message}");
            return 3;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is not null)
        {
            await stderr.WriteLineAsync($"parledger: store error: {ex.Message}");
            return 3;
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    private sealed class StoreException(string message, Exception inner) : Exception(message, inner);
}
