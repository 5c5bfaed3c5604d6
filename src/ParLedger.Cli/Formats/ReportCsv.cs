using System.Globalization;
using System.Text;
using CsvHelper;
using ParLedger.Statistics;

namespace ParLedger.Cli.Formats;

/// <summary>
/// Writes a report as CSV in the template's layout: two header lines (groups, then Vietnamese column headers), one row
/// per key, totals last. UTF-8 with a byte-order mark so Excel reads the diacritics right.
/// </summary>
internal static class ReportCsv
{
    public static byte[] Format(StatisticsReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteField(string.Empty);
            foreach (var column in ReportLayout.Columns)
            {
                csv.WriteField(column.Group);
            }

            csv.NextRecord();
            csv.WriteField(ReportLayout.KeyHeader(report));
            foreach (var column in ReportLayout.Columns)
            {
                csv.WriteField(column.Header);
            }

            csv.NextRecord();
            foreach (var (key, cells, _) in ReportLayout.Rows(report))
            {
                csv.WriteField(key);
                foreach (var column in ReportLayout.Columns)
                {
                    csv.WriteField(column.Cell(cells));
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }
}
