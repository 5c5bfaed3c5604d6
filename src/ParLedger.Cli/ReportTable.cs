using System.Globalization;
using System.Text;
using ParLedger.Statistics;

namespace ParLedger.Cli;

/// <summary>Formats a report as an aligned text table with the template's Vietnamese column headers.</summary>
internal static class ReportTable
{
    private static readonly (string Header, Func<StatisticsCells, long> Cell)[] Columns =
    [
        ("Từ kỳ trước", c => c.CarriedOver),
        ("Trực tuyến", c => c.ReceivedOnline),
        ("Trực tiếp, BCCI", c => c.ReceivedDirectPostal),
        ("Tổng nhận", c => c.ReceivedTotal),
        ("Trước hạn", c => c.ResolvedEarly),
        ("Đúng hạn", c => c.ResolvedOnTime),
        ("Quá hạn", c => c.ResolvedLate),
        ("Tổng đã GQ", c => c.ResolvedTotal),
        ("Rút HS", c => c.Withdrawn),
        ("Trong hạn", c => c.PendingWithin),
        ("Quá hạn", c => c.PendingOverdue),
        ("Tổng đang GQ", c => c.PendingTotal),
    ];

    public static string Format(StatisticsReport report)
    {
        var rows = report.Rows.Select(r => (Key: r.Key.Length == 0 ? "(không có)" : r.Key, r.Cells)).Append((Key: "Tổng số", Cells: report.Total)).ToList();
        var keyWidth = Math.Max(12, rows.Max(r => r.Key.Length));
        var widths = Columns.Select(c => Math.Max(c.Header.Length, rows.Max(r => N(c.Cell(r.Cells)).Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Biểu số 06/VPCP/KSTT — kỳ {report.Window.From:dd/MM/yyyy} đến {report.Window.To:dd/MM/yyyy}; policy withdrawn={report.Policy.WithdrawnText}, precision={report.Policy.PrecisionText}{(report.AsOf is { } t ? $"; as of {InstantText.Format(t)}" : string.Empty)}");
        text.Append((report.Rows.IsEmpty ? string.Empty : Text.Of(report.Rows[0].By)).PadRight(keyWidth));
        for (var i = 0; i < Columns.Length; i++)
        {
            text.Append(" | ").Append(Columns[i].Header.PadLeft(widths[i]));
        }

        text.AppendLine();
        foreach (var (key, cells) in rows)
        {
            text.Append(key.PadRight(keyWidth));
            for (var i = 0; i < Columns.Length; i++)
            {
                text.Append(" | ").Append(N(Columns[i].Cell(cells)).PadLeft(widths[i]));
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
