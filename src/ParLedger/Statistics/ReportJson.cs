using System.Collections.Immutable;
using System.Globalization;
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

    /// <summary>The largest count a report may hold: a trillion dossiers, far beyond any province, so sums never overflow.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>
    /// Reads a SPEC §7 report, strictly, for golden files and audits of published JSON: nothing is guessed or defaulted
    /// but <c>as_of</c> (absent means <see langword="null"/>) and <c>rows</c> (absent means none). The derived cells
    /// (<c>received_direct_postal</c> and the three totals) are checked against their parts; the identity
    /// <c>received_total = resolved_total + withdrawn + pending_total</c> is not (published tables often break it; see
    /// <see cref="StatisticsCells.IdentityHolds"/>). Unknown keys are ignored; a key given twice is refused.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report (rows as given, not re-ordered).</returns>
    /// <exception cref="FormatException">
    /// The JSON is not a SPEC §7 report: malformed JSON, a key given twice, a missing or ill-typed member, an unknown
    /// policy text or breakdown, a negative or non-integer count, a derived cell that is not the sum of its parts, or two
    /// rows with the same breakdown and key. The one-line message starts with <c>report JSON: </c> and the JSON path
    /// of the offending member, e.g. <c>report JSON: policy.withdrawn: 'separat' is not a withdrawn policy (expected
    /// separate or resolved-on-time).</c> This is the only exception type <see cref="Parse"/> throws for bad input.
    /// </exception>
    public static StatisticsReport Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
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
            var root = Expect(document.RootElement, "$", JsonValueKind.Object);
            var windowElement = Expect(Member(root, "window", "window"), "window", JsonValueKind.Object);
            var from = Date(windowElement, "from");
            var to = Date(windowElement, "to");
            var window = from > to ? throw Error("window", $"from {Quoted(from)} is after to {Quoted(to)}.")
                : from < ReportingWindow.EarliestDate || to > ReportingWindow.LatestDate
                    ? throw Error("window", string.Create(CultureInfo.InvariantCulture, $"{Quoted(from)}..{Quoted(to)} is outside the dates a reporting window accepts ({ReportingWindow.EarliestDate:yyyy-MM-dd}..{ReportingWindow.LatestDate:yyyy-MM-dd})."))
                    : new ReportingWindow(from, to);
            Instant? asOf = null;
            if (root.TryGetProperty("as_of", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                var text = Expect(a, "as_of", JsonValueKind.String).GetString()!;
                asOf = InstantText.TryParse(text, out var instant)
                    ? instant
                    : throw Error("as_of", $"'{Shorten(text)}' is not an ISO-8601 instant with an offset (e.g. 2022-06-14T16:45:00+07:00).");
            }

            var policyElement = Expect(Member(root, "policy", "policy"), "policy", JsonValueKind.Object);
            var policy = new ReportPolicy(
                Choice(policyElement, "policy", "withdrawn", Enum.GetValues<WithdrawnPolicy>(), w => (ReportPolicy.Default with { Withdrawn = w }).WithdrawnText, "withdrawn policy"),
                Choice(policyElement, "policy", "precision", Enum.GetValues<TimelinessPrecision>(), p => (ReportPolicy.Default with { Precision = p }).PrecisionText, "timeliness precision"));
            var total = ReadCells(Expect(Member(root, "total", "total"), "total", JsonValueKind.Object), "total");
            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            if (root.TryGetProperty("rows", out var rowsElement))
            {
                var seen = new HashSet<(Breakdown, string)>();
                var index = 0;
                foreach (var row in Expect(rowsElement, "rows", JsonValueKind.Array).EnumerateArray())
                {
                    var path = string.Create(CultureInfo.InvariantCulture, $"rows[{index++}]");
                    Expect(row, path, JsonValueKind.Object);
                    var by = Choice(row, path, "by", Enum.GetValues<Breakdown>(), Text.Of, "breakdown");
                    var key = Expect(Member(row, "key", $"{path}.key"), $"{path}.key", JsonValueKind.String).GetString()!;
                    if (!seen.Add((by, key)))
                    {
                        throw Error(path, $"a second row for {Text.Of(by)} '{Shorten(key)}'.");
                    }

                    rows.Add(new ReportRow(by, key, ReadCells(row, path)));
                }
            }

            return new StatisticsReport(window, asOf, policy, total, rows.ToImmutable());
        }
    }

    private static FormatException Error(string path, string problem, Exception? inner = null) =>
        new($"report JSON: {path}: {problem}", inner);

    private static JsonElement Member(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) ? value : throw Error(path, "missing.");

    private static JsonElement Expect(JsonElement e, string path, JsonValueKind kind) =>
        e.ValueKind == kind ? e : throw Error(path, $"must be {Kind(kind)}, not {Kind(e.ValueKind)}.");

    private static T Choice<T>(JsonElement parent, string parentPath, string name, T[] values, Func<T, string> text, string what)
    {
        var path = $"{parentPath}.{name}";
        var given = Expect(Member(parent, name, path), path, JsonValueKind.String).GetString()!;
        foreach (var value in values)
        {
            if (string.Equals(text(value), given, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw Error(path, $"'{Shorten(given)}' is not a {what} (expected {string.Join(" or ", values.Select(text))}).");
    }

    private static LocalDate Date(JsonElement window, string name)
    {
        var path = $"window.{name}";
        var text = Expect(Member(window, name, path), path, JsonValueKind.String).GetString()!;
        var result = DatePattern.Parse(text);
        return result.Success ? result.Value : throw Error(path, $"'{Shorten(text)}' is not a date yyyy-MM-dd.");
    }

    private static string Quoted(LocalDate date) => $"'{DatePattern.Format(date)}'";

    private static string Shorten(string text)
    {
        var shown = text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
        return shown.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0 ? shown : JsonEncodedText.Encode(shown).ToString();
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

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
        long Get(string name)
        {
            var path = $"{where}.{name}";
            var value = Expect(Member(e, name, path), path, JsonValueKind.Number);
            return !value.TryGetInt64(out var n)
                ? throw Error(path, $"{value.GetRawText()} is not an integer count.")
                : n < 0 ? throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{n} is negative; a count is 0 or more."))
                : n > MaxCount ? throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{n} is more than any report counts (at most {MaxCount:N0}).")) : n;
        }

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
            throw Error($"{where}.{name}", string.Create(CultureInfo.InvariantCulture, $"{given} is not the sum of its parts, {derived}."));
        }
    }
}
