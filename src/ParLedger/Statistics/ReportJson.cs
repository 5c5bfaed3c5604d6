using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ParLedger.Deadlines;
using ParLedger.Periods;

namespace ParLedger.Statistics;

/// <summary>The report JSON of SPEC §7: write a report, and read one back (for golden files and audits of published tables).</summary>
public static class ReportJson
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private static readonly string[] Cells =
    [
        "carried_over", "received_online", "received_direct", "received_postal", "received_direct_postal", "received_total",
        "resolved_early", "resolved_on_time", "resolved_late", "resolved_total", "withdrawn",
        "pending_within", "pending_overdue", "pending_total",
    ];

    /// <summary>Formats a report as SPEC §7 JSON (one line, UTF-8 characters unescaped).</summary>
    /// <param name="report">The report.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Format(StatisticsReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("window");
            w.WriteString("from", DatePattern.Format(report.Window.From));
            w.WriteString("to", DatePattern.Format(report.Window.To));
            w.WriteEndObject();
            if (report.AsOf is { } asOf)
            {
                w.WriteString("as_of", InstantText.Format(asOf));
            }
            else
            {
                w.WriteNull("as_of");
            }

            w.WriteStartObject("policy");
            w.WriteString("withdrawn", report.Policy.WithdrawnText);
            w.WriteString("precision", report.Policy.PrecisionText);
            w.WriteEndObject();
            w.WriteStartObject("total");
            WriteCells(w, report.Total);
            w.WriteEndObject();
            w.WriteStartArray("rows");
            foreach (var row in report.Rows)
            {
                w.WriteStartObject();
                w.WriteString("by", Text.Of(row.By));
                w.WriteString("key", row.Key);
                WriteCells(w, row.Cells);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a SPEC §7 report. The derived cells are checked against their parts.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report (rows as given, not re-ordered).</returns>
    /// <exception cref="FormatException">The JSON is not a SPEC §7 report, naming the field.</exception>
    public static StatisticsReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var window = new ReportingWindow(Date(root, "window", "from"), Date(root, "window", "to"));
        Instant? asOf = root.TryGetProperty("as_of", out var a) && a.ValueKind == JsonValueKind.String ? InstantText.Parse(a.GetString()!) : null;
        var policy = ReportPolicy.Default;
        if (root.TryGetProperty("policy", out var p))
        {
            policy = new ReportPolicy(
                p.GetProperty("withdrawn").GetString() == "resolved-on-time" ? WithdrawnPolicy.ResolvedOnTime : WithdrawnPolicy.Separate,
                p.GetProperty("precision").GetString() == "instant" ? TimelinessPrecision.Instant : TimelinessPrecision.Day);
        }

        var total = ReadCells(root.GetProperty("total"), "total");
        var rows = ImmutableArray.CreateBuilder<ReportRow>();
        if (root.TryGetProperty("rows", out var rowsElement))
        {
            foreach (var row in rowsElement.EnumerateArray())
            {
                var byText = row.GetProperty("by").GetString();
                if (!Text.TryParse(byText, out Breakdown by))
                {
                    throw new FormatException($"Unknown breakdown '{byText}' in a report row.");
                }

                var key = row.GetProperty("key").GetString() ?? string.Empty;
                rows.Add(new ReportRow(by, key, ReadCells(row, $"row {byText} '{key}'")));
            }
        }

        return new StatisticsReport(window, asOf, policy, total, rows.ToImmutable());
    }

    private static LocalDate Date(JsonElement root, string obj, string name)
    {
        var text = root.GetProperty(obj).GetProperty(name).GetString();
        var result = DatePattern.Parse(text ?? string.Empty);
        return result.Success ? result.Value : throw new FormatException($"window.{name} '{text}' is not a date yyyy-MM-dd.");
    }

    private static void WriteCells(Utf8JsonWriter w, StatisticsCells c)
    {
        long[] values =
        [
            c.CarriedOver, c.ReceivedOnline, c.ReceivedDirect, c.ReceivedPostal, c.ReceivedDirectPostal, c.ReceivedTotal,
            c.ResolvedEarly, c.ResolvedOnTime, c.ResolvedLate, c.ResolvedTotal, c.Withdrawn,
            c.PendingWithin, c.PendingOverdue, c.PendingTotal,
        ];
        for (var i = 0; i < Cells.Length; i++)
        {
            w.WriteNumber(Cells[i], values[i]);
        }
    }

    private static StatisticsCells ReadCells(JsonElement e, string where)
    {
        long Get(string name) => e.TryGetProperty(name, out var v) && v.TryGetInt64(out var n)
            ? n
            : throw new FormatException($"{where}: cell '{name}' is missing or not an integer.");

        var cells = new StatisticsCells(
            Get("carried_over"), Get("received_online"), Get("received_direct"), Get("received_postal"),
            Get("resolved_early"), Get("resolved_on_time"), Get("resolved_late"), Get("withdrawn"),
            Get("pending_within"), Get("pending_overdue"));
        Check(where, "received_direct_postal", Get("received_direct_postal"), cells.ReceivedDirectPostal);
        Check(where, "received_total", Get("received_total"), cells.ReceivedTotal);
        Check(where, "resolved_total", Get("resolved_total"), cells.ResolvedTotal);
        Check(where, "pending_total", Get("pending_total"), cells.PendingTotal);
        return cells;
    }

    private static void Check(string where, string name, long given, long derived)
    {
        if (given != derived)
        {
            throw new FormatException($"{where}: cell '{name}' is {given} but its parts sum to {derived}.");
        }
    }
}
