using System.Globalization;
using System.Text;
using CsvHelper;
using NodaTime.Text;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Cli.Formats;

/// <summary>
/// Writes a report as CSV in the template's layout: two header lines (groups, then Vietnamese column headers), one row
/// per key, totals last. UTF-8 with a byte-order mark so Excel reads the diacritics right. A series of periods
/// (<c>--periods</c>) is one table: leading <c>period</c>, <c>from</c>, <c>to</c> columns (ISO dates), then one block of
/// rows per period in order, each with its totals.
/// </summary>
internal static class ReportCsv
{
    private static readonly string[] SeriesColumns = ["period", "from", "to"];

    public static byte[] Format(StatisticsReport report) =>
        Write([], ReportLayout.KeyHeader(report), [([], report)]);

    public static byte[] Format(IReadOnlyList<(ReportingPeriod Period, StatisticsReport Report)> series) =>
        Write(
            SeriesColumns,
            ReportLayout.KeyHeader(series.Select(s => s.Report)),
            series.Select(s => ((IReadOnlyList<string>)[s.Period.ToString(), LocalDatePattern.Iso.Format(s.Report.Window.From), LocalDatePattern.Iso.Format(s.Report.Window.To)], s.Report)));

    private static byte[] Write(IReadOnlyList<string> leading, string keyHeader, IEnumerable<(IReadOnlyList<string> Leading, StatisticsReport Report)> blocks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var _ in leading)
            {
                csv.WriteField(string.Empty);
            }

            csv.WriteField(string.Empty);
            foreach (var column in ReportLayout.Columns)
            {
                csv.WriteField(column.Group);
            }

            csv.NextRecord();
            foreach (var name in leading)
            {
                csv.WriteField(name);
            }

            csv.WriteField(keyHeader);
            foreach (var column in ReportLayout.Columns)
            {
                csv.WriteField(column.Header);
            }

            csv.NextRecord();
            foreach (var (fields, report) in blocks)
            {
                foreach (var (key, cells, _) in ReportLayout.Rows(report))
                {
                    foreach (var field in fields)
                    {
                        csv.WriteField(field);
                    }

                    csv.WriteField(key);
                    foreach (var column in ReportLayout.Columns)
                    {
                        csv.WriteField(column.Cell(cells));
                    }

                    csv.NextRecord();
                }
            }
        }

        return buffer.ToArray();
    }
}
