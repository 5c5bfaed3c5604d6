using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ParLedger.Periods;
using ParLedger.Statistics;
using Spectre.Console;

namespace ParLedger.Cli.Formats;

/// <summary>The <c>indicators</c> command's formats.</summary>
internal static class IndicatorFormats
{
    public static string Json(ReportingWindow window, ReportPolicy policy, IReadOnlyList<IndicatorRate> rates)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("window");
            w.WriteString("from", window.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("to", window.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteStartObject("policy");
            w.WriteString("withdrawn", policy.WithdrawnText);
            w.WriteString("precision", policy.PrecisionText);
            w.WriteEndObject();
            w.WriteStartArray("indicators");
            foreach (var rate in rates)
            {
                w.WriteStartObject();
                w.WriteString("indicator", rate.Number);
                w.WriteNumber("numerator", rate.Numerator);
                w.WriteNumber("denominator", rate.Denominator);
                if (rate.Rate is { } r)
                {
                    w.WriteNumber("rate", r);
                }
                else
                {
                    w.WriteNull("rate");
                }

                if (rate.Threshold is { } t)
                {
                    w.WriteNumber("threshold", t);
                }
                else
                {
                    w.WriteNull("threshold");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Table(ReportingWindow window, IReadOnlyList<IndicatorRate> rates)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Chỉ số 766/QĐ-TTg, kỳ {Display.Date(window.From)} – {Display.Date(window.To)}");
        table.AddColumn("Chỉ số");
        table.AddColumn(new TableColumn("Tử số").RightAligned());
        table.AddColumn(new TableColumn("Mẫu số").RightAligned());
        table.AddColumn(new TableColumn("Tỷ lệ").RightAligned());
        table.AddColumn(new TableColumn("Ngưỡng").RightAligned());
        foreach (var rate in rates)
        {
            table.AddRow(
                rate.Number,
                Display.Count(rate.Numerator),
                Display.Count(rate.Denominator),
                rate.Rate is { } r ? Display.Percent(r, 2) : "—",
                rate.Threshold is { } t ? Display.Percent(t, 0) : "—");
        }

        return ReportTable.Render(table);
    }
}
