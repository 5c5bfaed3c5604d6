using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using ParLedger.Audit;
using ParLedger.Deadlines;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Cli.Formats;

/// <summary>
/// Reads a published table for <c>audit</c>: SPEC §7 JSON, or the CSV or XLSX that <c>report</c> writes (the template's
/// layout and Vietnamese headers), including one typed by hand into that layout: empty cells and absent columns are not
/// published, headers are matched whatever their case, spacing and punctuation, counts may be grouped the Vietnamese way
/// (<c>335.445</c>). Bad input is a <see cref="FormatException"/> of one line naming the file, the line, cell or JSON
/// path, and what is wrong (exit 2).
/// </summary>
internal static partial class PublishedReportReader
{
    /// <summary>A published table and what its file states about how it was computed (when it says).</summary>
    public sealed record PublishedFile(PublishedReport Report, ReportingWindow? Window, ReportPolicy? Policy);

    private const string NoKey = "(không có)";

    /// <summary>Reads a file by its extension (<c>.json</c>, <c>.csv</c>, <c>.xlsx</c>), or, for another, by its content.</summary>
    public static PublishedFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string Decode(byte[] content) => DecodeText(path, content);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var isZip = bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
        return extension switch
        {
            ".json" => Json(path, Decode(bytes)),
            ".csv" => Csv(path, Decode(bytes)),
            ".xlsx" => Xlsx(path, bytes),
            _ when isZip => Xlsx(path, bytes),
            _ when Decode(bytes).TrimStart().StartsWith('{') => Json(path, Decode(bytes)),
            _ => Csv(path, Decode(bytes)),
        };
    }

    private static string DecodeText(string path, byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{path}: not UTF-8 text (save the file as UTF-8, or as XLSX).");
        }
    }

    // ---------------------------------------------------------------- JSON

    /// <summary>SPEC §7 JSON; any cell may be absent or <c>null</c> (not published); <c>resolved_early_on_time</c> is accepted.</summary>
    public static PublishedFile Json(string path, string json)
    {
        FormatException Error(string at, string problem, Exception? inner = null) => new($"{path}: report JSON: {at}: {problem}", inner);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw Error("$", $"malformed JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("$", "must be an object (a SPEC §7 report).");
            }

            string Text(JsonElement e, string at) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(at, "must be a string.");

            ReportingWindow? window = null;
            if (root.TryGetProperty("window", out var w) && w.ValueKind != JsonValueKind.Null)
            {
                LocalDate Date(string name) => w.TryGetProperty(name, out var d) && LocalDatePattern.Iso.Parse(Text(d, $"window.{name}")) is { Success: true } r
                    ? r.Value
                    : throw Error($"window.{name}", "missing or not a date yyyy-MM-dd.");
                var (from, to) = (Date("from"), Date("to"));
                window = from <= to && from >= ReportingWindow.EarliestDate && to <= ReportingWindow.LatestDate
                    ? new ReportingWindow(from, to)
                    : throw Error("window", "not a window (from after to, or outside 1900-01-01..2199-12-31).");
            }

            ReportPolicy? policy = null;
            if (root.TryGetProperty("policy", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                var withdrawn = p.TryGetProperty("withdrawn", out var wd) ? Text(wd, "policy.withdrawn") : "separate";
                var precision = p.TryGetProperty("precision", out var pr) ? Text(pr, "policy.precision") : "day";
                policy = new ReportPolicy(
                    withdrawn switch
                    {
                        "separate" => WithdrawnPolicy.Separate,
                        "resolved-on-time" => WithdrawnPolicy.ResolvedOnTime,
                        _ => throw Error("policy.withdrawn", $"'{withdrawn}' is not a withdrawn policy (expected separate or resolved-on-time)."),
                    },
                    precision switch
                    {
                        "day" => TimelinessPrecision.Day,
                        "instant" => TimelinessPrecision.Instant,
                        _ => throw Error("policy.precision", $"'{precision}' is not a timeliness precision (expected day or instant)."),
                    });
            }

            PublishedCells Cells(JsonElement e, string at)
            {
                var cells = PublishedCells.Empty;
                foreach (var cell in PublishedCells.All)
                {
                    var name = PublishedCells.NameOf(cell);
                    if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    cells = cells.With(cell, value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n)
                        ? throw Error($"{at}.{name}", $"{value.GetRawText()} is not an integer count.")
                        : n < 0 || n > ReportJson.MaxCount
                            ? throw Error($"{at}.{name}", string.Create(CultureInfo.InvariantCulture, $"{n} is not a count (0 to {ReportJson.MaxCount:N0})."))
                            : n);
                }

                return cells;
            }

            var total = PublishedCells.Empty;
            if (root.TryGetProperty("total", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                total = t.ValueKind == JsonValueKind.Object ? Cells(t, "total") : throw Error("total", "must be an object.");
            }

            Breakdown? by = null;
            var rows = ImmutableArray.CreateBuilder<PublishedRow>();
            if (root.TryGetProperty("rows", out var rowsElement) && rowsElement.ValueKind != JsonValueKind.Null)
            {
                if (rowsElement.ValueKind != JsonValueKind.Array)
                {
                    throw Error("rows", "must be an array.");
                }

                var keys = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var row in rowsElement.EnumerateArray())
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"rows[{index++}]");
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        throw Error(at, "must be an object.");
                    }

                    var byText = row.TryGetProperty("by", out var b) ? Text(b, $"{at}.by") : throw Error($"{at}.by", "missing.");
                    var rowBy = ParLedger.Text.TryParse(byText, out Breakdown parsed)
                        ? parsed
                        : throw Error($"{at}.by", $"'{byText}' is not a breakdown (expected agency, level, field, procedure or channel).");
                    if (by is { } first && first != rowBy)
                    {
                        throw Error($"{at}.by", $"'{byText}' in a table by {ParLedger.Text.Of(first)}: one breakdown per table.");
                    }

                    by = rowBy;
                    var key = row.TryGetProperty("key", out var k) ? Text(k, $"{at}.key") : throw Error($"{at}.key", "missing.");
                    if (!keys.Add(key))
                    {
                        throw Error(at, $"a second row for {byText} '{key}'.");
                    }

                    rows.Add(new PublishedRow(key, Cells(row, at)));
                }
            }

            return new PublishedFile(new PublishedReport(by, total, rows.ToImmutable()), window, policy);
        }
    }

    // ---------------------------------------------------------------- CSV and XLSX: a grid of texts

    /// <summary>One row of a grid: its texts and how to name the place of a cell in an error.</summary>
    private sealed record GridRow(IReadOnlyList<string> Cells, Func<int, string> Where);

    /// <summary>The CSV that <c>report --format csv</c> writes (comma, semicolon or tab separated).</summary>
    public static PublishedFile Csv(string path, string text)
    {
        var rows = new List<GridRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        try
        {
            using var reader = new StringReader(text);
            using var parser = new CsvParser(reader, configuration);
            while (parser.Read())
            {
                var line = parser.RawRow;
                var record = parser.Record ?? [];
                rows.Add(new GridRow(record, column => string.Create(CultureInfo.InvariantCulture, $"{path}: line {line}, column {column + 1}")));
            }
        }
        catch (CsvHelperException ex)
        {
            throw new FormatException($"{path}: not a CSV table ({ex.Message.Split('\n', 2)[0].TrimEnd()}).", ex);
        }

        return Grid(path, rows);
    }

    /// <summary>The XLSX that <c>report --format xlsx</c> writes: its one sheet, or the sheet named <c>Biểu 06</c> or after <paramref name="period"/>.</summary>
    public static PublishedFile Xlsx(string path, byte[] bytes, string? period = null)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(bytes));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FormatException($"{path}: not an XLSX workbook ({ex.Message.Split('\n', 2)[0].TrimEnd()}).", ex);
        }

        using (workbook)
        {
            var sheets = workbook.Worksheets.ToList();
            var sheet = sheets.Count == 1
                ? sheets[0]
                : sheets.FirstOrDefault(s => s.Name == ReportXlsx.SheetName || s.Name == period)
                  ?? throw new FormatException($"{path}: {sheets.Count} sheets ({string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}) and none named '{ReportXlsx.SheetName}'{(period is null ? string.Empty : $" or '{period}'")}: keep the one sheet to audit.");
            var rows = new List<GridRow>();
            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
            var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
            for (var r = 1; r <= lastRow; r++)
            {
                var cells = new string[lastColumn];
                for (var c = 1; c <= lastColumn; c++)
                {
                    var cell = sheet.Cell(r, c);
                    cells[c - 1] = (cell.HasFormula ? cell.CachedValue : cell.Value) switch
                    {
                        null => string.Empty,
                        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString() ?? string.Empty,
                    };
                }

                var rowNumber = r;
                rows.Add(new GridRow(cells, column => $"{path}: sheet '{sheet.Name}', cell {XLHelper.GetColumnLetterFromNumber(column + 1)}{rowNumber.ToString(CultureInfo.InvariantCulture)}"));
            }

            return Grid(path, rows);
        }
    }

    private enum Group
    {
        None,
        Received,
        Resolved,
        Pending,
    }

    /// <summary>
    /// The template's layout: any rows before it (the title with the window's dates, the policies), a row of group headers
    /// over a row of column headers (a group written over its first column only, as a merged cell reads, covers the columns
    /// after it), then one row per key, <i>Tổng cộng</i> for the totals.
    /// </summary>
    private static PublishedFile Grid(string path, List<GridRow> rows)
    {
        var groupRow = rows.FindIndex(r => r.Cells.Any(c => GroupOf(Normalize(c)) != Group.None));
        if (groupRow < 0 || groupRow + 1 >= rows.Count)
        {
            throw new FormatException($"{path}: no header rows of Biểu 06 found: expected a row of group headers ('{ReportLayout.ReceivedGroup}', …) over a row of column headers ('Tổng số', 'Trực tuyến', …).");
        }

        ReportingWindow? window = null;
        ReportPolicy? policy = null;
        foreach (var text in rows.Take(groupRow).SelectMany(r => r.Cells))
        {
            if (TitleDates().Match(text) is { Success: true } m)
            {
                var pattern = LocalDatePattern.CreateWithInvariantCulture("dd/MM/yyyy");
                if (pattern.Parse(m.Groups[1].Value) is { Success: true } from && pattern.Parse(m.Groups[2].Value) is { Success: true } to && from.Value <= to.Value)
                {
                    window = new ReportingWindow(from.Value, to.Value);
                }
            }

            if (PolicyText().Match(text) is { Success: true } policyMatch)
            {
                policy = new ReportPolicy(
                    policyMatch.Groups[1].Value == "resolved-on-time" ? WithdrawnPolicy.ResolvedOnTime : WithdrawnPolicy.Separate,
                    policyMatch.Groups[2].Value == "instant" ? TimelinessPrecision.Instant : TimelinessPrecision.Day);
            }
        }

        var groups = rows[groupRow];
        var headers = rows[groupRow + 1];
        var width = rows.Skip(groupRow).Max(r => r.Cells.Count);
        string At(IReadOnlyList<string> cells, int c) => c < cells.Count ? cells[c].Trim() : string.Empty;

        int? keyColumn = null;
        Breakdown? by = null;
        var columns = new Dictionary<int, PublishedCell>();
        var group = Group.None;
        for (var c = 0; c < width; c++)
        {
            var ownGroup = At(groups.Cells, c);
            var header = At(headers.Cells, c);
            if (ownGroup.Length > 0)
            {
                group = GroupOf(Normalize(ownGroup));
            }

            var name = Normalize(header.Length > 0 ? header : ownGroup);
            if (KeyHeaders.TryGetValue(name, out var keyBy))
            {
                if (keyColumn is not null)
                {
                    throw new FormatException($"{headers.Where(c)}: a second key column '{header}{ownGroup}'.");
                }

                (keyColumn, by) = (c, keyBy);
                group = Group.None;
                continue;
            }

            if (name is "period" or "from" or "to")
            {
                throw new FormatException($"{headers.Where(c)}: a series of periods (report --periods): audit one period at a time (report --period P).");
            }

            if (name.Length == 0 || name is "stt" or "ghi chú")
            {
                if (name.Length == 0 && rows.Skip(groupRow + 2).FirstOrDefault(r => At(r.Cells, c).Length > 0) is { } filled)
                {
                    throw new FormatException($"{filled.Where(c)}: a value in a column without a header.");
                }

                continue;
            }

            var cell = CellOf(group, name)
                ?? throw new FormatException($"{headers.Where(c)}: '{(header.Length > 0 ? header : ownGroup)}'{(header.Length > 0 && group != Group.None ? $" under '{GroupName(group)}'" : string.Empty)} is not a column of Biểu 06 (expected Tổng số, Trực tuyến, Trực tiếp, dịch vụ bưu chính, Từ kỳ trước, Trước hạn, Đúng hạn, Quá hạn, Rút hồ sơ, Trong hạn under their group headers).");
            if (columns.Where(kv => kv.Value == cell).Select(kv => (int?)kv.Key).FirstOrDefault() is { } other)
            {
                throw new FormatException($"{headers.Where(c)}: a second column for {PublishedCells.NameOf(cell)} (the first is column {other + 1}).");
            }

            columns[c] = cell;
        }

        if (keyColumn is not { } keyAt)
        {
            throw new FormatException($"{headers.Where(0)}: no key column (expected a header 'Cơ quan', 'Cấp', 'Lĩnh vực', 'Thủ tục', 'Kênh tiếp nhận' or 'Đơn vị').");
        }

        PublishedCells? total = null;
        var published = ImmutableArray.CreateBuilder<PublishedRow>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(groupRow + 2))
        {
            var cells = PublishedCells.Empty;
            foreach (var (c, cell) in columns)
            {
                var text = At(row.Cells, c);
                if (text.Length > 0)
                {
                    cells = cells.With(cell, Count(text) ?? throw new FormatException($"{row.Where(c)}: '{Shorten(text)}' is not a count (a whole number 0 or more, e.g. 335445 or 335.445)."));
                }
            }

            var key = At(row.Cells, keyAt);
            if (cells.IsEmpty)
            {
                continue; // a blank line, a section heading or a note below the table: it states no count
            }

            if (Normalize(key) is "tổng cộng" or "tổng số" or "cộng" or "tổng")
            {
                total = total is null ? cells : throw new FormatException($"{row.Where(keyAt)}: a second totals row '{key}'.");
                continue;
            }

            if (key.Length == 0)
            {
                throw new FormatException($"{row.Where(keyAt)}: a row of counts without a key (write {NoKey} for dossiers without one).");
            }

            key = key == NoKey ? string.Empty : key;
            if (!keys.Add(key))
            {
                throw new FormatException($"{row.Where(keyAt)}: a second row for '{Shorten(key)}'.");
            }

            published.Add(new PublishedRow(key, cells));
        }

        return new PublishedFile(new PublishedReport(published.Count == 0 ? null : by, total ?? PublishedCells.Empty, published.ToImmutable()), window, policy);
    }

    /// <summary>A count as typed: <c>335445</c>, or grouped by threes with dots, commas or spaces (<c>335.445</c>); otherwise <see langword="null"/>.</summary>
    internal static long? Count(string text)
    {
        var t = text.Trim().Replace('\u00A0', ' ');
        if (!CountText().IsMatch(t))
        {
            return null;
        }

        var digits = new string([.. t.Where(char.IsAsciiDigit)]);
        return digits.Length <= 13 && long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) is var n && n <= ReportJson.MaxCount ? n : null;
    }

    private static readonly Dictionary<string, Breakdown?> KeyHeaders = new(StringComparer.Ordinal)
    {
        ["cơ quan"] = Breakdown.Agency,
        ["cấp"] = Breakdown.Level,
        ["lĩnh vực"] = Breakdown.Field,
        ["thủ tục"] = Breakdown.Procedure,
        ["kênh tiếp nhận"] = Breakdown.Channel,
        ["đơn vị"] = null,
    };

    private static Group GroupOf(string name) =>
        name.Contains("nhận giải quyết", StringComparison.Ordinal) ? Group.Received
        : name.Contains("đã giải quyết", StringComparison.Ordinal) ? Group.Resolved
        : name.Contains("đang giải quyết", StringComparison.Ordinal) ? Group.Pending
        : Group.None;

    private static string GroupName(Group group) => group switch
    {
        Group.Received => ReportLayout.ReceivedGroup,
        Group.Resolved => ReportLayout.ResolvedGroup,
        _ => ReportLayout.PendingGroup,
    };

    /// <summary>The cell of a column from its header (and, for <i>Tổng số</i> and <i>Quá hạn</i>, its group).</summary>
    private static PublishedCell? CellOf(Group group, string name) => name switch
    {
        "trực tuyến" => PublishedCell.ReceivedOnline,
        "trực tiếp dịch vụ bưu chính" or "trực tiếp bưu chính" or "trực tiếp bưu điện" => PublishedCell.ReceivedDirectPostal,
        "trực tiếp" => PublishedCell.ReceivedDirect,
        "dịch vụ bưu chính" or "bưu chính" => PublishedCell.ReceivedPostal,
        "từ kỳ trước" or "kỳ trước chuyển sang" or "từ kỳ trước chuyển sang" or "kỳ trước chuyển" or "tồn kỳ trước" => PublishedCell.CarriedOver,
        "trước hạn" => PublishedCell.ResolvedEarly,
        "đúng hạn" => PublishedCell.ResolvedOnTime,
        "trước hạn đúng hạn" or "trước đúng hạn" or "đúng hạn trước hạn" or "trước hạn và đúng hạn" => PublishedCell.ResolvedEarlyOnTime,
        "rút hồ sơ" => PublishedCell.Withdrawn,
        "trong hạn" => PublishedCell.PendingWithin,
        "tổng số" => group switch
        {
            Group.Received => PublishedCell.ReceivedTotal,
            Group.Resolved => PublishedCell.ResolvedTotal,
            Group.Pending => PublishedCell.PendingTotal,
            _ => null,
        },
        "quá hạn" => group switch
        {
            Group.Resolved => PublishedCell.ResolvedLate,
            Group.Pending => PublishedCell.PendingOverdue,
            _ => null,
        },
        _ => null,
    };

    /// <summary>A header compared loosely: NFC, lower case, punctuation as spaces, the words <i>và</i> and <i>qua</i> left out, spaces collapsed.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            builder.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("và" or "qua")));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    [GeneratedRegex(@"^(?:\d+|\d{1,3}([., ])\d{3}(?:\1\d{3})*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CountText();

    [GeneratedRegex(@"từ (\d{2}/\d{2}/\d{4}) đến (\d{2}/\d{2}/\d{4})", RegexOptions.CultureInvariant)]
    private static partial Regex TitleDates();

    [GeneratedRegex(@"withdrawn=([a-z-]+), precision=([a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyText();
}
