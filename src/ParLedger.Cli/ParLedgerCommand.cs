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
using ParLedger.Verdicts;

namespace ParLedger.Cli;

/// <summary>
/// The <c>parledger</c> command line (SPEC §8): parsing and formatting only; every rule lives in the domain.
/// Exit codes: 0 success, 1 an audit found differences, 2 bad usage or bad input, 3 a store error.
/// </summary>
public static partial class ParLedgerCommand
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
    /// <summary>The most periods one <c>report --periods</c> run computes: fifty years of months.</summary>
    private const int MaxPeriods = 600;

    /// <summary>The longest processing time <c>due</c> accepts: ten years of working days (statutory times are days to months).</summary>
    private const int MaxWorkingDays = 2_500;

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "On an error, print its details (the exception and its causes) after the one-line message.", Recursive = true };
    private static readonly Option<FileInfo?> Schedule = new("--schedule") { Description = "A JSON file of official yearly schedules that replace the shipped ones for their years." };

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors and progress go.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        // Named explicitly: RootCommand takes the executable's name, which is ParLedger.Cli when the tool runs from a build.
        var root = new Command("parledger", "ParLedger: an event-sourced ledger of administrative-procedure dossiers and their exact period statistics (Biểu số 06/VPCP/KSTT).")
        {
            new System.CommandLine.Help.HelpOption(), new VersionOption(), Verbose,
        };
        root.Subcommands.Add(ImportCommand(stdout, stderr));
        root.Subcommands.Add(ExportCommand(stdout, stderr));
        root.Subcommands.Add(ReportCommand(stdout, stderr));
        root.Subcommands.Add(IndicatorsCommand(stdout, stderr));
        root.Subcommands.Add(ExplainCommand(stdout, stderr));
        root.Subcommands.Add(AccountabilityCommand(stdout, stderr));
        root.Subcommands.Add(RebuildCommand(stdout, stderr));
        root.Subcommands.Add(CalendarCommand(stdout, stderr));
        root.Subcommands.Add(DueCommand(stdout, stderr));
        root.Subcommands.Add(AuditCommand(stdout, stderr));
        root.Subcommands.Add(SweepCommand(stdout, stderr));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the first error, in words rather than .NET type names, and where to look.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await stderr.WriteLineAsync($"parledger: {Plain(first.Message)} (parledger --help for usage)");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>A parse error of System.CommandLine with its .NET type names in words.</summary>
    private static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(
        message.ReplaceLineEndings(" ").Trim(),
        @"as expected type '[^']*'",
        m => m.Value.Contains("Int32", StringComparison.Ordinal) || m.Value.Contains("Int64", StringComparison.Ordinal)
            ? "as a whole number (within range)"
            : m.Value.Contains("Boolean", StringComparison.Ordinal) ? "as true or false" : "as a value of that option",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static Command ImportCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The history file (.jsonl, SPEC §6)." };
        var command = new Command("import", "Import a JSON Lines history atomically (all or nothing) and idempotently (what is already stored is skipped).") { file, Connection, Schema };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var path = CliFiles.Input(parse.GetValue(file)!);
            await using var ledger = await OpenAsync(parse, write: true, ct);
            FileStream? reading = null;

            // The ledger may read the file twice (a second, general pass when its lines are not grouped by dossier).
            IEnumerable<HistoryLine> Lines()
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
                reading = stream;
                foreach (var line in JsonlHistoryReader.Read(stream, path))
                {
                    yield return line;
                }
            }

            var result = await ImportProgressDisplay.RunAsync(
                stderr, new FileInfo(path).Length, () => reading is { CanSeek: true } s ? s.Position : 0, progress => ledger.ImportAsync(Lines(), progress, ct));
            await stdout.WriteLineAsync(
                $"{Path.GetFileName(path)}: read {Display.Number(result.EventsRead)} events of {Display.Number(result.Dossiers)} dossiers; " +
                $"added {Display.Number(result.EventsAdded)} events ({Display.Number(result.NewDossiers)} new dossiers, {Display.Number(result.GrownDossiers)} grown); " +
                $"skipped {Display.Number(result.EventsSkipped)} already stored.");
            return 0;
        }));
        return command;
    }

    private static Command ExportCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The history file to write (.jsonl, SPEC §6)." };
        var command = new Command("export", "Export every stored event in the interchange format; importing it into an empty store reproduces every report.") { file, Connection, Schema };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var target = CliFiles.Output(parse.GetValue(file)!, "export");
            await using var ledger = await OpenAsync(parse, write: false, ct);
            long events = 0, dossiers = 0;
            await CliFiles.WriteAsync(target, async (stream, token) =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
                await foreach (var (code, history) in ledger.ReadHistoriesAsync(token))
                {
                    dossiers++;
                    foreach (var e in history)
                    {
                        string line;
                        try
                        {
                            line = JsonlHistoryWriter.FormatLine(code, e);
                        }
                        catch (ArgumentException ex)
                        {
                            // Appended through the library, which does not hold events to the interchange's limits.
                            throw CliException.Store($"the store holds an event the interchange format cannot write, so nothing was exported: {ex.Message.Split(" (Parameter", 2)[0]}");
                        }

                        await writer.WriteAsync(line);
                        await writer.WriteAsync('\n');
                        events++;
                    }
                }
            }, ct);

            await stdout.WriteLineAsync($"{Path.GetFileName(target)}: wrote {Display.Number(events)} events of {Display.Number(dossiers)} dossiers.");
            return 0;
        }));
        return command;
    }

    private static Command ReportCommand(TextWriter stdout, TextWriter stderr)
    {
        var by = new Option<string?>("--by") { Description = "Rows by agency, level, field, procedure or channel." };
        var format = new Option<string>("--format") { Description = "table (default), csv, json (SPEC §7) or xlsx.", DefaultValueFactory = _ => "table" };
        var periods = new Option<string?>("--periods")
        {
            Description = $"Every period of one kind from FIRST to LAST inclusive, e.g. 2022-M01..2022-M12, 2021-Q1..2022-Q4, 2019..2022 (at most {MaxPeriods:D}): a JSON array, one CSV table, one XLSX sheet or one table per period.",
        };
        var command = new Command("report", "The Biểu số 06/VPCP/KSTT statistics of a window (SPEC §4, §7), or of a series of periods.")
        {
            PeriodOption, periods, From, To, by, AsOf, Withdrawn, Precision, format, Out, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var series = PeriodsOf(parse, periods);
            IReadOnlyList<ReportingWindow> windows = series is { } range ? [.. range.Periods.Select(p => p.ToWindow())] : [WindowOf(parse)];
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

            var output = OutputOf(parse, binary: formatText == "xlsx");
            var reports = await ReportsAsync(parse, windows, policy, breakdown, known, ct);
            if (series is { } r)
            {
                IReadOnlyList<(ReportingPeriod Period, StatisticsReport Report)> named = [.. r.Periods.Zip(reports)];
                return await WriteAsync(output, stdout, formatText switch
                {
                    "json" => Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", reports.Select(report => ReportJson.Format(report))) + "\n]\n"),
                    "csv" => ReportCsv.Format(named),
                    "xlsx" => ReportXlsx.Format(named),
                    _ => Encoding.UTF8.GetBytes(ReportTable.Format(named) + "\n"),
                }, ct);
            }

            var single = reports[0];
            return await WriteAsync(output, stdout, formatText switch
            {
                "json" => Encoding.UTF8.GetBytes(ReportJson.Format(single) + "\n"),
                "csv" => ReportCsv.Format(single),
                "xlsx" => ReportXlsx.Format(single),
                _ => Encoding.UTF8.GetBytes(ReportTable.Format(single) + "\n"),
            }, ct);
        }));
        return command;
    }

    /// <summary>
    /// The reports of the windows, in order. In memory the history file is read and folded once; from the store, each
    /// window is one query, or, as of an instant, the stored events are folded once and every window computed from the
    /// facts (never one replay per window).
    /// </summary>
    private static async Task<IReadOnlyList<StatisticsReport>> ReportsAsync(
        ParseResult parse, IReadOnlyList<ReportingWindow> windows, ReportPolicy policy, Breakdown? breakdown, Instant? known, CancellationToken ct)
    {
        if (EventsFileOf(parse) is { } file)
        {
            var index = VerdictIndex.Build(HistoryReplay.Fold(JsonlHistoryReader.ReadFile(file), known));
            return [.. windows.Select(w => index.Report(w, policy, breakdown, known))];
        }

        await using var ledger = await OpenAsync(parse, write: false, ct);
        await RefuseEmptyAsync(ledger, ct);
        if (known is { } t)
        {
            var index = VerdictIndex.Build(await ledger.FactsAsOfAsync(t, ct));
            return [.. windows.Select(w => index.Report(w, policy, breakdown, t))];
        }

        var reports = new List<StatisticsReport>(windows.Count);
        foreach (var window in windows)
        {
            reports.Add(await ledger.ReportAsync(window, policy, breakdown, ct));
        }

        return reports;
    }

    /// <summary>The range of <c>--periods</c>, or <see langword="null"/> when it is not given; it excludes <c>--period</c>, <c>--from</c> and <c>--to</c>.</summary>
    private static ReportingPeriodRange? PeriodsOf(ParseResult parse, Option<string?> periods)
    {
        if (parse.GetValue(periods) is not { } text)
        {
            return null;
        }

        if (parse.GetValue(PeriodOption) is not null || parse.GetValue(From) is not null || parse.GetValue(To) is not null)
        {
            throw CliException.Usage("give one of --periods, --period, or --from and --to, not several.");
        }

        ReportingPeriodRange range;
        try
        {
            range = ReportingPeriodRange.Parse(text);
        }
        catch (FormatException ex)
        {
            throw CliException.Usage($"--periods {ex.Message}");
        }

        return range.Count <= MaxPeriods
            ? range
            : throw CliException.Usage($"--periods '{text}': {Display.Number(range.Count)} periods; at most {Display.Number(MaxPeriods)} in one run (split the range).");
    }

    private static Command IndicatorsCommand(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("indicators", "The service-index rates of Quyết định 766/QĐ-TTg for a window (SPEC §5).")
        {
            PeriodOption, From, To, Withdrawn, Precision, format, Connection, Schema, Events,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var window = WindowOf(parse);
            var policy = PolicyOf(parse);
            IReadOnlyList<IndicatorRate> rates;
            if (EventsFileOf(parse) is { } file)
            {
                rates = ServiceIndex.Compute(HistoryReplay.Fold(JsonlHistoryReader.ReadFile(file)), window, policy);
            }
            else
            {
                await using var ledger = await OpenAsync(parse, write: false, ct);
                await RefuseEmptyAsync(ledger, ct);
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
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
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
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var receivedText = parse.GetValue(received)!;
            var at = InstantText.TryParse(receivedText, out var i) ? i : throw CliException.Usage($"--received '{receivedText}': expected an ISO-8601 instant with an offset, e.g. 2024-02-07T10:00:00+07:00.");
            var calendar = CalendarOf(parse);
            var calculator = new DeadlineCalculator(calendar);
            LocalTime? limit = parse.GetValue(cutoff) is { } cutoffText
                ? LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(cutoffText) is { Success: true } r ? r.Value : throw CliException.Usage($"--procedure-cutoff '{cutoffText}': expected HH:mm, e.g. 15:00.")
                : null;
            if (VietnamTime.DateOf(at) is var date && (date < ReportingWindow.EarliestDate || date > ReportingWindow.LatestDate))
            {
                throw CliException.Usage($"--received '{receivedText}': the working calendar covers 1900–2199.");
            }

            Instant due;
            try
            {
                due = (parse.GetValue(days), parse.GetValue(hours)) switch
                {
                    ({ } d, null) when d is > 0 and <= MaxWorkingDays => calculator.DueAfterWorkingDays(at, d, limit),
                    (null, { } h) when h is > 0 and <= MaxWorkingDays * 8 && limit is null => calculator.DueAfterWorkingHours(at, h),
                    (null, { }) when limit is not null => throw CliException.Usage("--procedure-cutoff applies to --days only."),
                    _ => throw CliException.Usage($"give exactly one of --days N (1 to {MaxWorkingDays:D}) or --hours N (1 to {MaxWorkingDays * 8:D})."),
                };
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                due = Instant.MaxValue;
            }

            if (due == Instant.MaxValue || VietnamTime.DateOf(due) > ReportingWindow.LatestDate)
            {
                throw CliException.Usage("the due would fall after 2199, beyond the working calendar.");
            }
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

    /// <summary>The checked --out path, or <see langword="null"/> for standard output (not for binary formats).</summary>
    private static string? OutputOf(ParseResult parse, bool binary) => parse.GetValue(Out) is { } target
        ? CliFiles.Output(target, "--out")
        : binary ? throw CliException.Usage("xlsx is a binary format: give --out FILE.xlsx.") : null;

    private static async Task<int> WriteAsync(string? output, TextWriter stdout, byte[] content, CancellationToken ct)
    {
        if (output is not null)
        {
            await CliFiles.WriteAsync(output, (stream, token) => stream.WriteAsync(content, token).AsTask(), ct);
            return 0;
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

        var path = CliFiles.Input(file);
        try
        {
            return WorkingCalendar.Default.WithSchedules(WorkingCalendar.ParseSchedules(File.ReadAllText(path), path));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw CliException.Usage(ex is FormatException ? ex.Message : $"{path}: not a schedule file ({ex.Message}).");
        }
    }

    /// <summary>
    /// The history file of an in-memory computation (<c>--events</c>), or <see langword="null"/> to use the store. Giving
    /// both <c>--events</c> and <c>--connection</c> is ambiguous; <c>PARLEDGER_CONNECTION</c> in the environment is not:
    /// an explicit <c>--events</c> wins over it.
    /// </summary>
    private static string? EventsFileOf(ParseResult parse)
    {
        if (parse.GetValue(Events) is not { } file)
        {
            return null;
        }

        return parse.GetResult(Connection) is { Implicit: false }
            ? throw CliException.Usage("--events and --connection both given: choose one (a history file in memory, or a store).")
            : CliFiles.Input(file);
    }

    /// <summary>Every dossier's facts as known at <paramref name="known"/>: folded from <c>--events</c>, or replayed from the store (refused when empty).</summary>
    private static async Task<IReadOnlyList<DossierFacts>> FactsOfAsync(ParseResult parse, Instant? known, CancellationToken ct)
    {
        if (EventsFileOf(parse) is { } file)
        {
            return HistoryReplay.Fold(JsonlHistoryReader.ReadFile(file), known);
        }

        await using var ledger = await OpenAsync(parse, write: false, ct);
        await RefuseEmptyAsync(ledger, ct);
        return await ledger.FactsAsOfAsync(known, ct);
    }

    /// <summary>
    /// An all-zero report from a store that holds no event at all (a schema left by a failed first import) is never one
    /// to publish: refused like an absent store.
    /// </summary>
    private static async Task RefuseEmptyAsync(DossierLedger ledger, CancellationToken ct)
    {
        if (await ledger.IsEmptyAsync(ct))
        {
            throw CliException.Usage($"the store in schema '{ledger.Options.Schema}' holds no events yet: nothing to report (import a history first).");
        }
    }

    private static async Task<DossierLedger> OpenAsync(ParseResult parse, bool write, CancellationToken ct)
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
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage($"--connection: not a PostgreSQL connection string ({ex.Message.Split(" (Parameter", 2)[0]}).");
        }

        try
        {
            options = new LedgerOptions(connection, parse.GetValue(Schema)!);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ex.ParamName == "schema" ? $"--schema: {ex.Message.Split(" (Parameter", 2)[0]}" : $"--connection: {ex.Message.Split(" (Parameter", 2)[0]}");
        }

        try
        {
            return write ? await DossierLedger.OpenAsync(options, ct) : await DossierLedger.OpenExistingAsync(options, ct);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StoreNotFoundException))
        {
            throw CliException.Store("cannot open the store", ex);
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
                : throw CliException.Usage($"--period '{period}': expected 2022-M06, 2022-Q1, 2022-H1, 2022-9M or 2022 (years {ReportingPeriod.MinYear}–{ReportingPeriod.MaxYear}).");
        }

        if (from is null || to is null)
        {
            throw CliException.Usage("give the window: --period P, or --from DATE and --to DATE.");
        }

        var first = Date("--from", from);
        var last = Date("--to", to);
        if (first > last)
        {
            throw CliException.Usage($"--from {from} is after --to {to}.");
        }

        try
        {
            return new ReportingWindow(first, last);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw CliException.Usage($"{(ex.ParamName == "from" ? "--from" : "--to")} '{(ex.ParamName == "from" ? from : to)}': {ex.Message.Split(" (Parameter", 2)[0]}");
        }
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

    private static async Task<int> Guarded(ParseResult parse, TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var (code, message) = ErrorReport.Describe(ex);
            await stderr.WriteLineAsync($"parledger: {message}");
            if (parse.GetValue(Verbose))
            {
                await stderr.WriteLineAsync(ex.ToString());
            }

            return code;
        }
    }
}
