using ClosedXML.Excel;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Cli.Formats;

/// <summary>
/// Writes a report as an Excel workbook with one sheet laid out as <i>Biểu số 06/VPCP/KSTT</i>: a title with the window,
/// the policies, merged group headers over the column headers, one row per breakdown key, and totals. A series of
/// periods (<c>--periods</c>) has one such sheet per period, named after the period.
/// </summary>
internal static class ReportXlsx
{
    public const string SheetName = "Biểu 06";

    /// <summary>The most characters an XLSX cell holds.</summary>
    public const int MaxCellLength = 32_767;

    public static byte[] Format(StatisticsReport report)
    {
        using var workbook = new XLWorkbook();
        AddSheet(workbook, SheetName, report, null);
        return Save(workbook);
    }

    /// <summary>A series of periods (<c>--periods</c>): one sheet per period, named after it (<c>2022-M01</c>), in order.</summary>
    public static byte[] Format(IReadOnlyList<(ReportingPeriod Period, StatisticsReport Report)> series)
    {
        using var workbook = new XLWorkbook();
        foreach (var (period, report) in series)
        {
            AddSheet(workbook, period.ToString(), report, period);
        }

        return Save(workbook);
    }

    private static void AddSheet(XLWorkbook workbook, string name, StatisticsReport report, ReportingPeriod? period)
    {
        if (report.Rows.FirstOrDefault(r => r.Key.Length > MaxCellLength) is { Key: { } tooLong })
        {
            throw CliException.Usage(
                $"a row key of {tooLong.Length:D} characters ('{tooLong[..40]}…') does not fit an XLSX cell (at most {MaxCellLength:D}): write csv or json instead.");
        }

        var sheet = workbook.Worksheets.Add(name);
        var lastColumn = ReportLayout.Columns.Count + 1;
        sheet.Cell(1, 1).Value = ReportLayout.Title(report, period);
        sheet.Range(1, 1, 1, lastColumn).Merge().Style.Font.SetBold().Font.SetFontSize(13).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = ReportLayout.Policy(report);
        sheet.Range(2, 1, 2, lastColumn).Merge().Style.Font.SetItalic();

        const int groupRow = 4, headerRow = 5;
        sheet.Cell(groupRow, 1).Value = ReportLayout.KeyHeader(report);
        sheet.Range(groupRow, 1, headerRow, 1).Merge();
        var col = 2;
        foreach (var group in ReportLayout.Columns.GroupBy(c => c.Group))
        {
            var width = group.Count();
            sheet.Cell(groupRow, col).Value = group.Key;
            if (width > 1)
            {
                sheet.Range(groupRow, col, groupRow, col + width - 1).Merge();
                foreach (var column in group)
                {
                    sheet.Cell(headerRow, col++).Value = column.Header;
                }
            }
            else
            {
                sheet.Range(groupRow, col, headerRow, col).Merge();
                col++;
            }
        }

        var header = sheet.Range(groupRow, 1, headerRow, lastColumn);
        header.Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText();
        var row = headerRow + 1;
        foreach (var (key, cells, isTotal) in ReportLayout.Rows(report))
        {
            sheet.Cell(row, 1).Value = key;
            for (var i = 0; i < ReportLayout.Columns.Count; i++)
            {
                sheet.Cell(row, i + 2).Value = ReportLayout.Columns[i].Cell(cells);
                sheet.Cell(row, i + 2).Style.NumberFormat.Format = "#,##0";
            }

            if (isTotal)
            {
                sheet.Row(row).Style.Font.SetBold();
            }

            row++;
        }

        var table = sheet.Range(groupRow, 1, row - 1, lastColumn);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        sheet.Column(1).Width = 28;
        for (var c = 2; c <= lastColumn; c++)
        {
            sheet.Column(c).Width = 14;
        }
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
