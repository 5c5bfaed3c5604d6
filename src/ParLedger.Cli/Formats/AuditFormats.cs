using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using NodaTime.Text;
using ParLedger.Audit;
using ParLedger.Statistics;
using Spectre.Console;

namespace ParLedger.Cli.Formats;

/// <summary>
/// The <c>audit</c> command's formats: a Vietnamese verdict for officers (table), the documented JSON verdict
/// (docs/domain.md, "Audit"), and one line per finding as CSV or an XLSX sheet.
/// </summary>
internal static class AuditFormats
{
    /// <summary>What was audited: the published file as named, the rebuilt report and the comparison.</summary>
    public sealed record Audit(string Published, PublishedReport Table, StatisticsReport Rebuilt, ReportComparison Comparison)
    {
        /// <summary>How many cells the table publishes (rows and totals).</summary>
        public int Compared => Table.Total.Stated.Count() + Table.Rows.Sum(r => r.Cells.Stated.Count());
    }

    private const string TotalLabel = "Tổng cộng";

    /// <summary>The Vietnamese name of a cell, with its group: <c>Đã giải quyết — Quá hạn</c>.</summary>
    public static string Label(PublishedCell cell) => cell switch
    {
        PublishedCell.CarriedOver => "Nhận giải quyết — Từ kỳ trước",
        PublishedCell.ReceivedOnline => "Nhận giải quyết — Trực tuyến",
        PublishedCell.ReceivedDirect => "Nhận giải quyết — Trực tiếp",
        PublishedCell.ReceivedPostal => "Nhận giải quyết — Dịch vụ bưu chính",
        PublishedCell.ReceivedDirectPostal => "Nhận giải quyết — Trực tiếp, dịch vụ bưu chính",
        PublishedCell.ReceivedTotal => "Nhận giải quyết — Tổng số",
        PublishedCell.ResolvedEarly => "Đã giải quyết — Trước hạn",
        PublishedCell.ResolvedOnTime => "Đã giải quyết — Đúng hạn",
        PublishedCell.ResolvedEarlyOnTime => "Đã giải quyết — Trước hạn, đúng hạn",
        PublishedCell.ResolvedLate => "Đã giải quyết — Quá hạn",
        PublishedCell.ResolvedTotal => "Đã giải quyết — Tổng số",
        PublishedCell.Withdrawn => "Rút hồ sơ",
        PublishedCell.PendingWithin => "Đang giải quyết — Trong hạn",
        PublishedCell.PendingOverdue => "Đang giải quyết — Quá hạn",
        _ => "Đang giải quyết — Tổng số",
    };

    private static string Row(string? key) => key switch
    {
        null => TotalLabel,
        "" => "(không có)",
        _ => key,
    };

    private static string ByLabel(Breakdown by) => by switch
    {
        Breakdown.Agency => "cơ quan",
        Breakdown.Level => "cấp",
        Breakdown.Field => "lĩnh vực",
        Breakdown.Procedure => "thủ tục",
        _ => "kênh tiếp nhận",
    };

    private static string Signed(long value) => value > 0 ? "+" + Display.Count(value) : Display.Count(value);

    private static string Check(PublishedCheck check) => check switch
    {
        PublishedCheck.Identity => "identity",
        PublishedCheck.SumOfParts => "sum_of_parts",
        _ => "sum_of_rows",
    };

    private static string Warning(PublishedWarning w) => w.Check switch
    {
        PublishedCheck.Identity => $"{Row(w.Key)}: {Label(w.Cell)} {Display.Count(w.Stated)} ≠ đã giải quyết + rút hồ sơ + đang giải quyết = {Display.Count(w.Computed)}",
        PublishedCheck.SumOfParts => $"{Row(w.Key)}: {Label(w.Cell)} {Display.Count(w.Stated)} ≠ tổng các thành phần = {Display.Count(w.Computed)}",
        _ => $"{TotalLabel}: {Label(w.Cell)} {Display.Count(w.Stated)} ≠ tổng các dòng = {Display.Count(w.Computed)}",
    };

    public static string Table(Audit audit)
    {
        var (report, comparison) = (audit.Rebuilt, audit.Comparison);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Kiểm tra biểu đã công bố '{audit.Published}' — Biểu số 06/VPCP/KSTT, kỳ báo cáo từ {Display.Date(report.Window.From)} đến {Display.Date(report.Window.To)}");
        text.Append(audit.Table.By is { } by ? $", theo {ByLabel(by)} ({ParLedger.Text.Of(by)})" : string.Empty).Append('\n');
        text.Append("Dựng lại từ lịch sử hồ sơ: ").Append(ReportLayout.Policy(report)).Append('\n');

        if (!comparison.Differences.IsEmpty)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Dòng");
            table.AddColumn("Ô");
            table.AddColumn(new TableColumn("Công bố").RightAligned());
            table.AddColumn(new TableColumn("Dựng lại").RightAligned());
            table.AddColumn(new TableColumn("Chênh lệch").RightAligned());
            foreach (var d in comparison.Differences)
            {
                table.AddRow(
                    Markup.Escape(Row(d.Key)),
                    Markup.Escape($"{Label(d.Cell)} ({PublishedCells.NameOf(d.Cell)})"),
                    Display.Count(d.Published),
                    Display.Count(d.Rebuilt),
                    Signed(d.Difference));
            }

            text.Append('\n').Append(CultureInfo.InvariantCulture, $"Ô khác nhau ({Display.Count(comparison.Differences.Length)}; chênh lệch = công bố − dựng lại):\n");
            text.Append(ReportTable.Render(table)).Append('\n');
        }

        if (!comparison.NotPublished.IsEmpty)
        {
            var rowCount = audit.Table.Rows.Length + 1;
            var parts = comparison.NotPublished.GroupBy(p => p.Cell).Select(g =>
                $"{Label(g.Key)} ({(g.Count() == rowCount ? "mọi dòng" : string.Join(", ", g.Select(p => Row(p.Key))))})");
            text.Append('\n').Append("Không công bố, không so sánh: ").AppendJoin("; ", parts).Append('\n');
        }

        if (!comparison.RowsOnlyPublished.IsEmpty)
        {
            text.Append('\n').Append("Dòng chỉ có trong biểu công bố (không có hồ sơ khi dựng lại, so với 0): ").AppendJoin(", ", comparison.RowsOnlyPublished.Select(Row)).Append('\n');
        }

        if (!comparison.RowsOnlyRebuilt.IsEmpty)
        {
            text.Append('\n').Append("Dòng không công bố (có hồ sơ khi dựng lại, không so sánh): ").AppendJoin(", ", comparison.RowsOnlyRebuilt.Select(Row)).Append('\n');
        }

        if (!comparison.Warnings.IsEmpty)
        {
            text.Append('\n').Append("Cảnh báo — biểu công bố không tự khớp (SPEC §4; không tính là khác nhau):\n");
            foreach (var w in comparison.Warnings)
            {
                text.Append("  ").Append(Warning(w)).Append('\n');
            }
        }

        text.Append('\n').Append(comparison.Matches
            ? $"Kết luận: KHỚP — {Display.Count(audit.Compared)} ô đã công bố đều khớp với số liệu dựng lại."
            : $"Kết luận: KHÔNG KHỚP — {Display.Count(comparison.Differences.Length)}/{Display.Count(audit.Compared)} ô đã công bố khác số liệu dựng lại.");
        return text.Append('\n').ToString();
    }

    public static string Json(Audit audit)
    {
        var (report, comparison) = (audit.Rebuilt, audit.Comparison);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            void Key(string? key)
            {
                if (key is null)
                {
                    w.WriteNull("key");
                }
                else
                {
                    w.WriteString("key", key);
                }
            }

            w.WriteStartObject();
            w.WriteString("verdict", comparison.Matches ? "match" : "differ");
            w.WriteString("published", audit.Published);
            w.WriteStartObject("window");
            w.WriteString("from", LocalDatePattern.Iso.Format(report.Window.From));
            w.WriteString("to", LocalDatePattern.Iso.Format(report.Window.To));
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
            if (audit.Table.By is { } by)
            {
                w.WriteString("by", ParLedger.Text.Of(by));
            }
            else
            {
                w.WriteNull("by");
            }

            w.WriteNumber("compared", audit.Compared);
            w.WriteStartArray("differences");
            foreach (var d in comparison.Differences)
            {
                w.WriteStartObject();
                Key(d.Key);
                w.WriteString("cell", PublishedCells.NameOf(d.Cell));
                w.WriteNumber("published", d.Published);
                w.WriteNumber("rebuilt", d.Rebuilt);
                w.WriteNumber("difference", d.Difference);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("not_published");
            foreach (var p in comparison.NotPublished)
            {
                w.WriteStartObject();
                Key(p.Key);
                w.WriteString("cell", PublishedCells.NameOf(p.Cell));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("rows_only_published");
            foreach (var key in comparison.RowsOnlyPublished)
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
            w.WriteStartArray("rows_only_rebuilt");
            foreach (var key in comparison.RowsOnlyRebuilt)
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in comparison.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("check", Check(warning.Check));
                Key(warning.Key);
                w.WriteString("cell", PublishedCells.NameOf(warning.Cell));
                w.WriteNumber("stated", warning.Stated);
                w.WriteNumber("computed", warning.Computed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static readonly string[] Headers = ["Loại", "Dòng", "Ô", "Tên ô", "Công bố", "Dựng lại", "Chênh lệch", "Tính từ biểu công bố"];

    /// <summary>One line per finding: differences, cells and rows not published, warnings (the columns of <see cref="Headers"/>).</summary>
    private static IEnumerable<object?[]> Findings(ReportComparison comparison) =>
        comparison.Differences.Select(d => new object?[] { "khác nhau", Row(d.Key), PublishedCells.NameOf(d.Cell), Label(d.Cell), d.Published, d.Rebuilt, d.Difference, null })
            .Concat(comparison.RowsOnlyPublished.Select(k => new object?[] { "dòng chỉ có trong biểu công bố", Row(k), null, null, null, null, null, null }))
            .Concat(comparison.RowsOnlyRebuilt.Select(k => new object?[] { "dòng không công bố", Row(k), null, null, null, null, null, null }))
            .Concat(comparison.NotPublished.Select(p => new object?[] { "không công bố", Row(p.Key), PublishedCells.NameOf(p.Cell), Label(p.Cell), null, null, null, null }))
            .Concat(comparison.Warnings.Select(w => new object?[] { $"cảnh báo: {Check(w.Check)}", Row(w.Key), PublishedCells.NameOf(w.Cell), Label(w.Cell), w.Stated, null, null, w.Computed }));

    public static byte[] Csv(Audit audit) =>
        CsvTable.Write(Headers, Findings(audit.Comparison).Select(line => line.Select(field => field switch
        {
            long n => n.ToString(CultureInfo.InvariantCulture),
            var other => other as string ?? string.Empty,
        })));

    public static byte[] Xlsx(Audit audit)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Kiểm tra");
        for (var c = 0; c < Headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = Headers[c];
        }

        sheet.Row(1).Style.Font.SetBold();
        var row = 2;
        foreach (var line in Findings(audit.Comparison))
        {
            for (var c = 0; c < line.Length; c++)
            {
                switch (line[c])
                {
                    case long n:
                        sheet.Cell(row, c + 1).Value = n;
                        sheet.Cell(row, c + 1).Style.NumberFormat.Format = "#,##0";
                        break;
                    case string s:
                        sheet.Cell(row, c + 1).SetValue(s);
                        break;
                }
            }

            row++;
        }

        sheet.Column(1).Width = 30;
        sheet.Column(2).Width = 24;
        sheet.Column(3).Width = 24;
        sheet.Column(4).Width = 44;
        for (var c = 5; c <= Headers.Length; c++)
        {
            sheet.Column(c).Width = 16;
        }
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    /// <summary>The self-audit for people: what was checked, then each difference.</summary>
    public static string ProjectionsText(ParLedger.Marten.ProjectionAuditResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"Tự kiểm tra các bảng tổng hợp so với dựng lại toàn bộ sự kiện: {Display.Count(result.Dossiers)} hồ sơ; báo cáo của {Display.Count(result.Windows)} kỳ ngẫu nhiên, tổng và mọi cách chia.");
        void Section(string title, IReadOnlyCollection<string> items)
        {
            if (items.Count == 0)
            {
                return;
            }

            text.AppendLine($"{title} ({Display.Count(items.Count)}):");
            foreach (var item in items.Take(50))
            {
                text.AppendLine($"  {item}");
            }

            if (items.Count > 50)
            {
                text.AppendLine($"  … và {Display.Count(items.Count - 50)} mục khác (--format json liệt kê tất cả)");
            }
        }

        Section("Hồ sơ có dòng tổng hợp khác dựng lại", result.DifferingDossiers);
        Section("Dòng cộng dồn (breakdown/level/period/key) khác dựng lại", result.DifferingSums);
        Section("Dòng báo cáo khác dựng lại", result.DifferingReports);
        text.Append(result.Clean ? "Kết luận: KHỚP — các bảng tổng hợp đúng với lịch sử sự kiện." : "Kết luận: KHÔNG KHỚP — xem các mục trên; parledger import (mở ghi) hoặc rebuild dựng lại bảng tổng hợp.");
        return text.ToString();
    }

    /// <summary>The self-audit as JSON: <c>{"verdict": "match"|"differ", "dossiers", "windows", "differing_dossiers", "differing_sums", "differing_reports"}</c>.</summary>
    public static string ProjectionsJson(ParLedger.Marten.ProjectionAuditResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("verdict", result.Clean ? "match" : "differ");
            w.WriteNumber("dossiers", result.Dossiers);
            w.WriteNumber("windows", result.Windows);
            foreach (var (name, items) in new[] { ("differing_dossiers", result.DifferingDossiers), ("differing_sums", result.DifferingSums), ("differing_reports", result.DifferingReports) })
            {
                w.WriteStartArray(name);
                foreach (var item in items)
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
