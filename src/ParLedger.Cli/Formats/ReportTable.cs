using ParLedger.Periods;
using ParLedger.Statistics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ParLedger.Cli.Formats;

/// <summary>Renders a report as an aligned console table (Spectre.Console) with the template's Vietnamese headers and totals.</summary>
internal static class ReportTable
{
    /// <summary>A series of periods (<c>--periods</c>): one table per period, in order, a blank line between them.</summary>
    public static string Format(IReadOnlyList<(ReportingPeriod Period, StatisticsReport Report)> series) =>
        string.Join("\n\n", series.Select(s => Format(s.Report, s.Period)));

    public static string Format(StatisticsReport report, ReportingPeriod? period = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(ReportLayout.Title(report, period)).Caption(ReportLayout.Policy(report));
        table.AddColumn(new TableColumn(ReportLayout.KeyHeader(report)));
        string? group = null;
        foreach (var column in ReportLayout.Columns)
        {
            var top = column.Group == group ? string.Empty : column.Group == column.Header ? column.Header : Short(column.Group);
            var bottom = column.Group == column.Header ? string.Empty : column.Header.Replace(", ", ",\n", StringComparison.Ordinal);
            group = column.Group;
            table.AddColumn(new TableColumn(Markup.Escape($"{top}\n{bottom}")).RightAligned());
        }

        foreach (var (key, cells, isTotal) in ReportLayout.Rows(report))
        {
            var row = new List<IRenderable> { new Markup(isTotal ? $"[bold]{Markup.Escape(key)}[/]" : Markup.Escape(key)) };
            row.AddRange(ReportLayout.Columns.Select(c => new Spectre.Console.Text(Display.Count(c.Cell(cells)))));
            table.AddRow(row);
        }

        return Render(table);
    }

    public static string Render(IRenderable renderable)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 320;
        console.Write(renderable);
        return writer.ToString().TrimEnd();
    }

    private static string Short(string group) => group switch
    {
        ReportLayout.ReceivedGroup => "Nhận giải quyết",
        ReportLayout.ResolvedGroup => "Đã giải quyết",
        _ => "Đang giải quyết",
    };
}
