using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Cli.Formats;

/// <summary>
/// The column layout of <i>Biểu số 06/VPCP/KSTT</i> shared by the table, CSV and XLSX formats: group headers
/// (received, resolved, pending) over the template's Vietnamese column headers, one row per breakdown key, totals last.
/// </summary>
internal static class ReportLayout
{
    public sealed record Column(string Group, string Header, Func<StatisticsCells, long> Cell);

    public const string ReceivedGroup = "Số hồ sơ nhận giải quyết";
    public const string ResolvedGroup = "Số hồ sơ đã giải quyết";
    public const string PendingGroup = "Số hồ sơ đang giải quyết";

    public static IReadOnlyList<Column> Columns { get; } =
    [
        new(ReceivedGroup, "Tổng số", c => c.ReceivedTotal),
        new(ReceivedGroup, "Trực tuyến", c => c.ReceivedOnline),
        new(ReceivedGroup, "Trực tiếp, dịch vụ bưu chính", c => c.ReceivedDirectPostal),
        new(ReceivedGroup, "Từ kỳ trước", c => c.CarriedOver),
        new(ResolvedGroup, "Tổng số", c => c.ResolvedTotal),
        new(ResolvedGroup, "Trước hạn", c => c.ResolvedEarly),
        new(ResolvedGroup, "Đúng hạn", c => c.ResolvedOnTime),
        new(ResolvedGroup, "Quá hạn", c => c.ResolvedLate),
        new("Rút hồ sơ", "Rút hồ sơ", c => c.Withdrawn),
        new(PendingGroup, "Tổng số", c => c.PendingTotal),
        new(PendingGroup, "Trong hạn", c => c.PendingWithin),
        new(PendingGroup, "Quá hạn", c => c.PendingOverdue),
    ];

    public static string KeyHeader(StatisticsReport report) => KeyHeader([report]);

    /// <summary>The key column's header for reports of one breakdown: taken from the first report that has rows.</summary>
    public static string KeyHeader(IEnumerable<StatisticsReport> reports) => reports.FirstOrDefault(r => !r.Rows.IsEmpty) is not { } report
        ? "Đơn vị"
        : report.Rows[0].By switch
        {
            Breakdown.Agency => "Cơ quan",
            Breakdown.Level => "Cấp",
            Breakdown.Field => "Lĩnh vực",
            Breakdown.Procedure => "Thủ tục",
            _ => "Kênh tiếp nhận",
        };

    public static IEnumerable<(string Key, StatisticsCells Cells, bool IsTotal)> Rows(StatisticsReport report) =>
        report.Rows.Select(r => (r.Key.Length == 0 ? "(không có)" : r.Key, r.Cells, false)).Append(("Tổng cộng", report.Total, true));

    /// <summary>The title with the window's dates, and the period's name when the report is one of a series (<c>--periods</c>).</summary>
    public static string Title(StatisticsReport report, ReportingPeriod? period = null) =>
        $"Biểu số 06/VPCP/KSTT — Tình hình, kết quả giải quyết TTHC, kỳ báo cáo {(period is { } p ? $"{p} " : string.Empty)}từ {Display.Date(report.Window.From)} đến {Display.Date(report.Window.To)}";

    public static string Policy(StatisticsReport report) =>
        $"withdrawn={report.Policy.WithdrawnText}, precision={report.Policy.PrecisionText}" +
        (report.AsOf is { } t ? $", as of {InstantText.Format(t)}" : string.Empty);
}
