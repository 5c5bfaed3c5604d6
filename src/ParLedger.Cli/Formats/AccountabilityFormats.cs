using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using ParLedger.Audit;
using ParLedger.Periods;
using ParLedger.Statistics;
using Spectre.Console;

namespace ParLedger.Cli.Formats;

/// <summary>The accountability table (<i>Phụ lục IV</i>): one row per responsible agency, most overdue dossiers first.</summary>
internal static class AccountabilityFormats
{
    private static readonly string[] Headers = ["Cơ quan chịu trách nhiệm", "Số hồ sơ quá hạn", "Tỷ lệ đúng hạn (2.1)", "Tỷ lệ nộp trực tuyến (3.3)"];

    public static string Title(ReportingWindow window) =>
        $"Phụ lục IV — Cơ quan chịu trách nhiệm về hồ sơ quá hạn, kỳ từ {Display.Date(window.From)} đến {Display.Date(window.To)}";

    public static string Table(ReportingWindow window, IReadOnlyList<AccountabilityRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Title(window)));
        table.AddColumn(new TableColumn(Markup.Escape(Headers[0])));
        foreach (var header in Headers.Skip(1))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Agency.Value), Display.Count(row.Overdue), Rate(row.OnTime), Rate(row.Online));
        }

        return ReportTable.Render(table);
    }

    public static byte[] Csv(IReadOnlyList<AccountabilityRow> rows) =>
        CsvTable.Write(Headers, rows.Select(row => new[] { row.Agency.Value, row.Overdue.ToString(CultureInfo.InvariantCulture), Fraction(row.OnTime), Fraction(row.Online) }));

    /// <summary>JSON: an array of <c>{"agency", "overdue", "on_time_rate", "online_rate"}</c>, rates as fractions, <c>null</c> over zero dossiers.</summary>
    public static string Json(IReadOnlyList<AccountabilityRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteString("agency", row.Agency.Value);
                w.WriteNumber("overdue", row.Overdue);
                WriteRate(w, "on_time_rate", row.OnTime);
                WriteRate(w, "online_rate", row.Online);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static byte[] Xlsx(ReportingWindow window, IReadOnlyList<AccountabilityRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Phụ lục IV");
        sheet.Cell(1, 1).Value = Title(window);
        sheet.Range(1, 1, 1, Headers.Length).Merge().Style.Font.SetBold();
        for (var c = 0; c < Headers.Length; c++)
        {
            sheet.Cell(3, c + 1).Value = Headers[c];
        }

        sheet.Range(3, 1, 3, Headers.Length).Style.Font.SetBold();
        var r = 4;
        foreach (var row in rows)
        {
            sheet.Cell(r, 1).Value = row.Agency.Value;
            sheet.Cell(r, 2).Value = row.Overdue;
            if (row.OnTime.Rate is { } onTime)
            {
                sheet.Cell(r, 3).Value = onTime;
            }

            if (row.Online.Rate is { } online)
            {
                sheet.Cell(r, 4).Value = online;
            }

            sheet.Range(r, 3, r, 4).Style.NumberFormat.Format = "0.00%";
            r++;
        }

        sheet.Column(1).Width = 28;
        sheet.Columns(2, Headers.Length).Width = 24;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteRate(Utf8JsonWriter w, string name, IndicatorRate rate)
    {
        if (rate.Rate is { } value)
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Rate(IndicatorRate rate) => rate.Rate is { } value
        ? $"{Display.Percent(value, 2)} ({Display.Count(rate.Numerator)}/{Display.Count(rate.Denominator)})"
        : "—";

    private static string Fraction(IndicatorRate rate) => rate.Rate is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
