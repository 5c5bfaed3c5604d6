using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using NodaTime;
using ParLedger.Audit;
using ParLedger.Events;
using ParLedger.Periods;
using ParLedger.Statistics;
using Spectre.Console;

namespace ParLedger.Cli.Formats;

/// <summary>The output of <c>explain</c>: one line per dossier behind a cell, or per dossier moved between two knowledge instants.</summary>
internal static class ExplainFormats
{
    private static readonly string[] Headers = ["Mã hồ sơ", "Cơ quan", "Kênh tiếp nhận", "Tiếp nhận", "Hạn xử lý", "Thời điểm xét", "Kết thúc", "Thời điểm kết thúc", "Vào kỳ", "Kết luận"];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Vietnamese name of a cell, as the template's headers say it.</summary>
    public static string CellName(StatisticsCell cell) => cell switch
    {
        StatisticsCell.CarriedOver => "từ kỳ trước",
        StatisticsCell.ReceivedOnline => "nhận trực tuyến",
        StatisticsCell.ReceivedDirect => "nhận trực tiếp",
        StatisticsCell.ReceivedPostal => "nhận qua dịch vụ bưu chính",
        StatisticsCell.ResolvedEarly => "giải quyết trước hạn",
        StatisticsCell.ResolvedOnTime => "giải quyết đúng hạn",
        StatisticsCell.ResolvedLate => "giải quyết quá hạn",
        StatisticsCell.Withdrawn => "rút hồ sơ",
        StatisticsCell.PendingWithin => "đang giải quyết trong hạn",
        _ => "đang giải quyết quá hạn",
    };

    public static string Table(StatisticsCell cell, ReportingWindow window, IReadOnlyList<ExplainedDossier> dossiers)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Hồ sơ {CellName(cell)} ({Text.Of(cell)}), kỳ từ {Display.Date(window.From)} đến {Display.Date(window.To)}: {Display.Count(dossiers.Count)} hồ sơ");
        foreach (var header in Headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var d in dossiers)
        {
            table.AddRow(Fields(d).Select(Markup.Escape).ToArray());
        }

        return ReportTable.Render(table);
    }

    public static byte[] Csv(IReadOnlyList<ExplainedDossier> dossiers) => CsvTable.Write(Headers, dossiers.Select(Fields));

    /// <summary>JSON: <c>{"cell", "window", "count", "dossiers": [{"code", "agency", "channel", "received_at", "effective_due", "decisive_at", "terminal", "terminal_at", "inflow", "outcome"}]}</c>.</summary>
    public static string Json(StatisticsCell cell, ReportingWindow window, Instant? asOf, IReadOnlyList<ExplainedDossier> dossiers) => Write(w =>
    {
        w.WriteStartObject();
        Header(w, cell, window);
        w.WriteString("as_of", asOf is { } t ? InstantText.Format(t) : null);
        w.WriteNumber("count", dossiers.Count);
        w.WriteStartArray("dossiers");
        foreach (var d in dossiers)
        {
            w.WriteStartObject();
            w.WriteString("code", d.Code.Value);
            w.WriteString("agency", d.Agency.Value);
            w.WriteString("channel", Text.Of(d.Channel));
            w.WriteString("received_at", InstantText.Format(d.ReceivedAt));
            w.WriteString("effective_due", InstantText.Format(d.EffectiveDue));
            w.WriteString("decisive_at", InstantText.Format(d.DecisiveAt));
            w.WriteString("terminal", d.Terminal is { } k ? TerminalText(k) : null);
            w.WriteString("terminal_at", d.TerminalAt is { } f ? InstantText.Format(f) : null);
            w.WriteString("inflow", Text.Of(d.Inflow));
            w.WriteString("outcome", Text.Of(d.Outcome));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string ChangesTable(StatisticsCell cell, ReportingWindow window, Instant first, Instant second, IReadOnlyList<CellChange> changes)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Hồ sơ vào/ra ô {CellName(cell)} ({Text.Of(cell)}), kỳ từ {Display.Date(window.From)} đến {Display.Date(window.To)}, " +
                   $"giữa số liệu tại {LocalText(first)} và tại {LocalText(second)}: vào {Display.Count(changes.Count(c => c.Entered))}, ra {Display.Count(changes.Count(c => !c.Entered))}");
        foreach (var header in new[] { "Mã hồ sơ", "Thay đổi", "Sự kiện ghi nhận muộn (loại, thời điểm, thời điểm ghi nhận)" })
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var c in changes)
        {
            table.AddRow(Markup.Escape(c.Code.Value), c.Entered ? "vào" : "ra", Markup.Escape(string.Join("\n", c.LateEvents.Select(e => $"{e.TypeName}, {LocalText(e.At)}, {LocalText(e.Recorded)}"))));
        }

        return ReportTable.Render(table);
    }

    public static byte[] ChangesCsv(IReadOnlyList<CellChange> changes) =>
        CsvTable.Write(
            ["Mã hồ sơ", "Thay đổi", "Loại sự kiện", "Thời điểm", "Thời điểm ghi nhận"],
            changes.SelectMany(c => c.LateEvents.Select(e => new[] { c.Code.Value, c.Entered ? "vào" : "ra", e.TypeName, InstantText.Format(e.At), InstantText.Format(e.Recorded) })));

    /// <summary>JSON: <c>{"cell", "window", "as_of", "compare_as_of", "entered", "left", "dossiers": [{"code", "change": "entered"|"left", "late_events": [{"type", "at", "recorded"}]}]}</c>.</summary>
    public static string ChangesJson(StatisticsCell cell, ReportingWindow window, Instant first, Instant second, IReadOnlyList<CellChange> changes) => Write(w =>
    {
        w.WriteStartObject();
        Header(w, cell, window);
        w.WriteString("as_of", InstantText.Format(first));
        w.WriteString("compare_as_of", InstantText.Format(second));
        w.WriteNumber("entered", changes.Count(c => c.Entered));
        w.WriteNumber("left", changes.Count(c => !c.Entered));
        w.WriteStartArray("dossiers");
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("code", c.Code.Value);
            w.WriteString("change", c.Entered ? "entered" : "left");
            w.WriteStartArray("late_events");
            foreach (var e in c.LateEvents)
            {
                w.WriteStartObject();
                w.WriteString("type", e.TypeName);
                w.WriteString("at", InstantText.Format(e.At));
                w.WriteString("recorded", InstantText.Format(e.Recorded));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Header(Utf8JsonWriter w, StatisticsCell cell, ReportingWindow window)
    {
        w.WriteString("cell", Text.Of(cell));
        w.WriteStartObject("window");
        w.WriteString("from", window.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("to", window.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<string> Fields(ExplainedDossier d) =>
    [
        d.Code.Value, d.Agency.Value, ChannelName(d.Channel), LocalText(d.ReceivedAt), LocalText(d.EffectiveDue), LocalText(d.DecisiveAt),
        d.Terminal is { } k ? TerminalName(k) : string.Empty, d.TerminalAt is { } f ? LocalText(f) : string.Empty,
        CellName(d.Inflow), CellName(d.Outcome),
    ];

    /// <summary>An instant as a Vietnamese officer reads it: local time, <c>dd/MM/yyyy HH:mm</c>.</summary>
    private static string LocalText(Instant instant) =>
        instant.WithOffset(VietnamTime.Offset).LocalDateTime.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string ChannelName(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.Online => "trực tuyến",
        ReceiptChannel.Direct => "trực tiếp",
        _ => "bưu chính",
    };

    private static string TerminalName(TerminalKind kind) => kind switch
    {
        TerminalKind.Resolved => "đã giải quyết",
        TerminalKind.Withdrawn => "rút hồ sơ",
        _ => "dừng giải quyết",
    };

    private static string TerminalText(TerminalKind kind) => kind switch
    {
        TerminalKind.Resolved => "resolved",
        TerminalKind.Withdrawn => "withdrawn",
        _ => "stopped",
    };
}
