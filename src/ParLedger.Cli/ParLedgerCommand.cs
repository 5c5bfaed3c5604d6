using System.CommandLine;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using ParLedger.Calendar;
using ParLedger.Cli.Formats;
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
    private static readonly Option<string?> Connection = new("--connection") { Description = "PostgreSQL connection string (default: the PARLEDGER_CONNECTION environment variable)." };
    private static readonly Option<string> Schema = new("--schema") { Description = "The database schema of the ledger (default: parledger).", DefaultValueFactory = _ => "parledger" };
    private static readonly Option<FileInfo?> Events = new("--events") { Description = "Compute in memory from a JSON Lines history file instead of a database." };
    private static readonly Option<string?> PeriodOption = new("--period") { Description = "A period of SPEC §1: 2022-M06, 2022-Q1, 2022-H1, 2022-9M or 2022." };
    private static readonly Option<string?> From = new("--from") { Description = "The window's first date, yyyy-MM-dd (inclusive)." };
    private static readonly Option<string?> To = new("--to") { Description = "The window's last date, yyyy-MM-dd (inclusive)." };
    private static readonly Option<string?> AsOf = new("--as-of") { Description = "Only the events recorded by this instant (ISO-8601 with offset)." };
    private static readonly Option<string> Withdrawn = new("--withdrawn") { Description = "Where withdrawn dossiers count: separate (default) or resolved-on-time.", DefaultValueFactory = _ => "separate" };
    private static readonly Option<string> Precision = new("--precision") { Description = "How finishes are compared with dues: day (default) or instant.", DefaultValueFactory = _ => "day" };
    private static readonly Option<FileInfo?> Out = new("--out") { Description = "Write to this file instead of standard output (required for xlsx)." };
    private static readonly Option<FileInfo?> Schedule = new("--schedule") { Description = "A JSON file of official yearly schedules that replace the shipped ones for their years." };

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors and progress go.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ParLedger: an event-sourced ledger of administrative-procedure dossiers and their exact period statistics (Biểu số 06/VPCP/KSTT).");
        root.Subcommands.Add(ImportCommand(stdout, stderr));
        root.Subcommands.Add(ExportCommand(stdout, stderr));
        root.Subcommands.Add(ReportCommand(stdout, stderr));
        root.Subcommands.Add(IndicatorsCommand(stdout, stderr));
        root.Subcommands.Add(CalendarCommand(stdout, stderr));
        root.Subcommands.Add(DueCommand(stdout, stderr));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"parledger: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'parledger --help' for usage.");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    private static Command ImportCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The history file (.jsonl, SPEC §6)." };
        var command = new Command("import", "Import a JSON Lines history atomically (all or nothing) and idempotently (what is already stored is skipped).") { file, Connection, Schema };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var path = ExistingFile(parse.GetValue(file)!);
            await using var ledger = await OpenAsync(parse, ct);
            FileStream? reading = null;

            // The ledger may read the file twice (a second, general pass when its lines are not grouped by dossier).
            IEnumerable<HistoryLine> Lines()
            {
                using var stream = File.OpenRead(path);
                reading = stream;
                using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                foreach (var line in JsonlHistoryReader.Read(text, path))
                {
                    yield return line;
                }
            }

            var result = await ImportProgressDisplay.RunAsync(
                stderr, new FileInfo(path).Length, () => reading is { CanSeek: true } s ? s.Position : 0, progress => ledger.ImportAsync(Lines(), progress, ct));
            await stdout.WriteLineAsync(
                $"{Path.GetFileName(path)}: read {result.EventsRead:N0} events of {result.Dossiers:N0} dossiers; " +
                $"added {result.EventsAdded:N0} events ({result.NewDossiers:N0} new dossiers, {result.GrownDossiers:N0} grown); skipped {result.EventsSkipped:N0} already stored.");
            return 0;
        }));
        return command;
    }

    private static Command ExportCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The history file to write (.jsonl, SPEC §6)." };
        var command = new Command("export", "Export every stored event in the interchange format; importing it into an empty store reproduces every report.") { file, Connection, Schema };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var target = parse.GetValue(file)!.FullName;
            await using var ledger = await OpenAsync(parse, ct);
            var temporary = target + ".partial";
            long events = 0, dossiers = 0;
            await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 16))
            {
                await foreach (var (code, history) in ledger.ReadHistoriesAsync(ct))
                {
                    dossiers++;
                    foreach (var e in history)
                    {
                        await writer.WriteAsync(JsonlHistoryWriter.FormatLine(code, e));
                        await writer.WriteAsync('\n');
                        events++;
                    }
                }
            }

            File.Move(temporary, target, overwrite: true);
            await stdout.WriteLineAsync($"{Path.GetFileName(target)}: wrote {events:N0} events of {dossiers:N0} dossiers.");
            return 0;
        }));
        return command;
    }

    private static Command ReportCommand(TextWriter stdout, TextWriter stderr)
    {
        var by = new Option<string?>("--by") { Description = "Rows by agency, level, field, procedure or channel." };
        var format = new Option<string>("--format") { Description = "table (default), csv, json (SPEC §7) or xlsx.", DefaultValueFactory = _ => "table" };
        var command = new Command("report", "The Biểu số 06/VPCP/KSTT statistics of a window (SPEC §4, §7).")
        {
            PeriodOption, From, To, by, AsOf, Withdrawn, Precision, format, Out, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            Breakdown? breakdown = parse.GetValue(by) is { } byText
                ? Text.TryParse(byText, out Breakdown b) ? b : throw CliException.Usage($"--by '{byText}': expected agency, level, field, procedure or channel.")
                : null;
            var known = AsOfOf(parse);
            var formatText = parse.GetValue(format)!;
            if (formatText is not ("table" or "csv" or "json" or "xlsx"))
            {
                throw CliException.Usage($"--format '{formatText}': expected table, csv, json or xlsx.");
            }

            StatisticsReport report;
            if (parse.GetValue(Events) is { } file)
            {
                var facts = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ExistingFile(file)), known);
                report = PeriodStatistics.Compute(facts, window, policy, breakdown, known);
            }
            else
            {
                await using var ledger = await OpenAsync(parse, ct);
                report = known is { } t
                    ? await ledger.ReportAsOfAsync(window, policy, t, breakdown, ct)
                    : await ledger.ReportAsync(window, policy, breakdown, ct);
            }

            return await WriteAsync(parse, stdout, formatText switch
            {
                "json" => Encoding.UTF8.GetBytes(ReportJson.Format(report) + "\n"),
                "csv" => ReportCsv.Format(report),
                "xlsx" => ReportXlsx.Format(report),
                _ => Encoding.UTF8.GetBytes(ReportTable.Format(report) + "\n"),
            }, binary: formatText == "xlsx", ct);
        }));
        return command;
    }

    private static Command IndicatorsCommand(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("indicators", "The service-index rates of Quyết định 766/QĐ-TTg for a window (SPEC §5).")
        {
            PeriodOption, From, To, Withdrawn, Precision, format, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            IReadOnlyList<IndicatorRate> rates;
            if (parse.GetValue(Events) is { } file)
            {
                rates = ServiceIndex.Compute(HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ExistingFile(file))), window, policy);
            }
            else
            {
                await using var ledger = await OpenAsync(parse, ct);
                rates = await ledger.ServiceIndexAsync(window, policy, cancellationToken: ct);
            }

            await stdout.WriteLineAsync(TableOrJson(parse, format, () => IndicatorFormats.Table(window, rates), () => IndicatorFormats.Json(window, policy, rates)));
            return 0;
        }));
        return command;
    }

    private static Command CalendarCommand(TextWriter stdout, TextWriter stderr)
    {
        var year = new Argument<int>("YEAR") { Description = "The year, e.g. 2024." };
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("calendar", "The working calendar of a year: days off with their names and sources, Saturdays worked.") { year, format, Schedule };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var y = parse.GetValue(year);
            if (y is < 1900 or > 2199)
            {
                throw CliException.Usage($"YEAR {y}: expected a year between 1900 and 2199.");
            }

            var calendar = CalendarOf(parse);
            await stdout.WriteLineAsync(TableOrJson(parse, format, () => CalendarFormats.Table(calendar, y), () => CalendarFormats.Json(calendar, y)));
            await NoteComputedAsync(stderr, calendar.HasOfficialSchedule(y) ? [] : [y]);
            return 0;
        }));
        return command;
    }

    private static Command DueCommand(TextWriter stdout, TextWriter stderr)
    {
        var received = new Option<string>("--received") { Description = "The receipt instant, ISO-8601 with offset.", Required = true };
        var days = new Option<int?>("--days") { Description = "Processing time in working days." };
        var hours = new Option<int?>("--hours") { Description = "Processing time in working hours." };
        var cutoff = new Option<string?>("--procedure-cutoff") { Description = "HH:mm; a receipt after it counts from the next working day (with --days)." };
        var command = new Command("due", "The appointment (due) of a dossier from its receipt and processing time, on the working calendar.") { received, days, hours, cutoff, Schedule };
        command.SetAction((parse, ct) => Guarded(stderr, async () =>
        {
            var receivedText = parse.GetValue(received)!;
            var at = InstantText.TryParse(receivedText, out var i) ? i : throw CliException.Usage($"--received '{receivedText}': expected an ISO-8601 instant with an offset, e.g. 2024-02-07T10:00:00+07:00.");
            var calendar = CalendarOf(parse);
            var calculator = new DeadlineCalculator(calendar);
            LocalTime? limit = parse.GetValue(cutoff) is { } cutoffText
                ? LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(cutoffText) is { Success: true } r ? r.Value : throw CliException.Usage($"--procedure-cutoff '{cutoffText}': expected HH:mm, e.g. 15:00.")
                : null;
            var due = (parse.GetValue(days), parse.GetValue(hours)) switch
            {
                ({ } d, null) when d > 0 => calculator.DueAfterWorkingDays(at, d, limit),
                (null, { } h) when h > 0 && limit is null => calculator.DueAfterWorkingHours(at, h),
                (null, { }) when limit is not null => throw CliException.Usage("--procedure-cutoff applies to --days only."),
                _ => throw CliException.Usage("give exactly one of --days N or --hours N, with N at least 1."),
            };
            await stdout.WriteLineAsync(InstantText.Format(due));
            await NoteComputedAsync(stderr, calendar.YearsWithoutOfficialSchedule(VietnamTime.DateOf(at), VietnamTime.DateOf(due)));
            return 0;
        }));
        return command;
    }

    private static async Task NoteComputedAsync(TextWriter stderr, IReadOnlyList<int> computedYears)
    {
        if (CalendarFormats.ComputedNote(computedYears) is { } note)
        {
            await stderr.WriteLineAsync(note);
        }
    }

    private static async Task<int> WriteAsync(ParseResult parse, TextWriter stdout, byte[] content, bool binary, CancellationToken ct)
    {
        if (parse.GetValue(Out) is { } target)
        {
            await File.WriteAllBytesAsync(target.FullName, content, ct);
            return 0;
        }

        if (binary)
        {
            throw CliException.Usage("xlsx is a binary format: give --out FILE.xlsx.");
        }

        await stdout.WriteAsync(Encoding.UTF8.GetString(content));
        return 0;
    }

    private static string TableOrJson(ParseResult parse, Option<string> format, Func<string> table, Func<string> json) => parse.GetValue(format) switch
    {
        "json" => json(),
        "table" => table(),
        var other => throw CliException.Usage($"--format '{other}': expected table or json."),
    };

    private static WorkingCalendar CalendarOf(ParseResult parse)
    {
        if (parse.GetValue(Schedule) is not { } file)
        {
            return WorkingCalendar.Default;
        }

        var path = ExistingFile(file);
        try
        {
            return WorkingCalendar.Default.WithSchedules(WorkingCalendar.ParseSchedules(File.ReadAllText(path), path));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw CliException.Usage(ex is FormatException ? ex.Message : $"{path}: not a schedule file ({ex.Message}).");
        }
    }

    private static string ExistingFile(FileInfo file) =>
        file.Exists ? file.FullName : throw CliException.Usage($"{file.FullName}: no such file.");

    private static async Task<DossierLedger> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var connection = parse.GetValue(Connection) is { Length: > 0 } given
            ? given
            : Environment.GetEnvironmentVariable("PARLEDGER_CONNECTION") is { Length: > 0 } env
                ? env
                : throw CliException.Usage($"'{parse.CommandResult.Command.Name}' needs a store: give --connection CS or set PARLEDGER_CONNECTION" +
                                           (parse.CommandResult.Command.Options.Contains(Events) ? ", or compute in memory with --events FILE.jsonl." : "."));
        LedgerOptions options;
        try
        {
            options = new LedgerOptions(connection, parse.GetValue(Schema)!);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage($"--schema: {ex.Message.Split(" (Parameter", 2)[0]}");
        }

        try
        {
            return await DossierLedger.OpenAsync(options, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw CliException.Store($"cannot open the store: {ex.Message}", ex);
        }
    }

    private static ReportingWindow WindowOf(ParseResult parse)
    {
        var (period, from, to) = (parse.GetValue(PeriodOption), parse.GetValue(From), parse.GetValue(To));
        if (period is not null)
        {
            if (from is not null || to is not null)
            {
                throw CliException.Usage("give either --period or --from and --to, not both.");
            }

            return ReportingPeriod.TryParse(period, out var p)
                ? p.ToWindow()
                : throw CliException.Usage($"--period '{period}': expected 2022-M06, 2022-Q1, 2022-H1, 2022-9M or 2022.");
        }

        if (from is null || to is null)
        {
            throw CliException.Usage("give the window: --period P, or --from DATE and --to DATE.");
        }

        var first = Date("--from", from);
        var last = Date("--to", to);
        return first <= last ? new ReportingWindow(first, last) : throw CliException.Usage($"--from {from} is after --to {to}.");
    }

    private static ReportPolicy PolicyOf(ParseResult parse) => new(
        parse.GetValue(Withdrawn) switch
        {
            "separate" => WithdrawnPolicy.Separate,
            "resolved-on-time" => WithdrawnPolicy.ResolvedOnTime,
            var other => throw CliException.Usage($"--withdrawn '{other}': expected separate or resolved-on-time."),
        },
        parse.GetValue(Precision) switch
        {
            "day" => TimelinessPrecision.Day,
            "instant" => TimelinessPrecision.Instant,
            var other => throw CliException.Usage($"--precision '{other}': expected day or instant."),
        });

    private static Instant? AsOfOf(ParseResult parse) => parse.GetValue(AsOf) is { } text
        ? InstantText.TryParse(text, out var i) ? i : throw CliException.Usage($"--as-of '{text}': expected an ISO-8601 instant with an offset, e.g. 2022-06-15T00:00:00+07:00.")
        : null;

    private static LocalDate Date(string option, string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } r ? r.Value : throw CliException.Usage($"{option} '{text}': expected a date yyyy-MM-dd.");

    private static async Task<int> Guarded(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync($"parledger: {ex.Message}");
            return ex.ExitCode;
        }
        catch (HistoryFormatException ex)
        {
            await stderr.WriteLineAsync($"parledger: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or StoreChangedException or DossierConcurrencyException)
        {
            await stderr.WriteLineAsync($"parledger: store error: {ex.Message}");
            return 3;
        }
    }
}
