using System.CommandLine;
using NodaTime;
using ParLedger.Cli.Formats;
using ParLedger.Marten;
using Spectre.Console;

namespace ParLedger.Cli;

/// <summary>The <c>sweep-overdue</c> command (SPEC §8).</summary>
public static partial class ParLedgerCommand
{
    /// <summary>The earliest and latest sweep instants: PostgreSQL's timestamps reach further, .NET's <see cref="DateTime"/> does not.</summary>
    private static readonly Instant FirstSweepInstant = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)), LastSweepInstant = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));

    private static Command SweepCommand(TextWriter stdout, TextWriter stderr)
    {
        var now = new Option<string?>("--now") { Description = "The sweep instant T (ISO-8601 with offset); default: now." };
        var command = new Command(
            "sweep-overdue",
            "Append an overdue event (phiếu xin lỗi và hẹn lại), dated T, to every dossier past its effective due at T with no terminal event, no open stop and no overdue event yet; rerunning adds nothing.")
        {
            now, Connection, Schema,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            var at = parse.GetValue(now) is { } text
                ? InstantText.TryParse(text, out var i) ? i : throw CliException.Usage($"--now '{text}': expected an ISO-8601 instant with an offset, e.g. 2022-06-15T00:00:00+07:00.")
                : (Instant?)null;
            if (at is { } given && (given < FirstSweepInstant || given > LastSweepInstant))
            {
                throw CliException.Usage($"--now '{parse.GetValue(now)}': outside the years 0001–9999 (UTC) a store can hold.");
            }

            await using var ledger = await OpenAsync(parse, write: true, ct);
            var result = at is { } t ? await ledger.SweepOverdueAsync(t, ct) : await ledger.SweepOverdueAsync(SystemClock.Instance, ct);
            await stdout.WriteLineAsync(SweepTable(result));
            return 0;
        }));
        return command;
    }

    /// <summary>The dossiers a sweep marked, by responsible agency: a heading line with the sweep instant, then a table with Vietnamese headers and a total row.</summary>
    private static string SweepTable(OverdueSweepResult result)
    {
        var local = result.Now.WithOffset(VietnamTime.Offset);
        var heading = $"Hồ sơ quá hạn được lập phiếu xin lỗi và hẹn lại tại {local.ToString("HH:mm:ss", null)} {Display.Date(local.Date)}";
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Cơ quan chịu trách nhiệm"))
            .AddColumn(new TableColumn("Số hồ sơ").RightAligned());
        foreach (var (agency, count) in result.MarkedByAgency)
        {
            table.AddRow(Markup.Escape(agency.Value), Display.Count(count));
        }

        table.AddRow("[bold]Tổng số[/]", $"[bold]{Display.Count(result.Marked)}[/]");
        return $"{heading}\n{ReportTable.Render(table)}";
    }
}
