using System.Globalization;
using System.Text;
using CsvHelper;

namespace ParLedger.Cli.Formats;

/// <summary>
/// A CSV file of one header line and rows of text fields: UTF-8 with a byte-order mark (so that Excel reads the
/// Vietnamese headers), fields quoted by CsvHelper where needed, nothing formatted by the current culture. The listings
/// of <c>explain</c>, <c>accountability</c> and <c>audit</c> use it.
/// </summary>
internal static class CsvTable
{
    public static byte[] Write(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var line in rows.Prepend(headers))
            {
                foreach (var field in line)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }
}
