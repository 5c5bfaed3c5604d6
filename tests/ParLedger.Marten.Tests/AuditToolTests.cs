using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary><c>parledger audit</c> in memory (<c>--events</c>), run as a process the way a user runs it.</summary>
public class AuditToolTests
{
    private const string H1Agency = "h1-2022.by-agency.json";

    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Infrastructure.Tool.RunAsync(args);

    private static string Temp(string name) => Path.Combine(Directory.CreateTempSubdirectory("parledger-audit-").FullName, name);

    private static string[] OptionsOf(ConformanceCase golden) =>
    [
        "--from", golden.Expected.Window.From.ToString("yyyy-MM-dd", null), "--to", golden.Expected.Window.To.ToString("yyyy-MM-dd", null),
        "--withdrawn", golden.Expected.Policy.WithdrawnText, "--precision", golden.Expected.Policy.PrecisionText,
        .. golden.By is { } by ? new[] { "--by", ParLedger.Text.Of(by) } : [],
        .. golden.Expected.AsOf is { } asOf ? new[] { "--as-of", ParLedger.InstantText.Format(asOf) } : [],
    ];

    private static async Task<JsonElement> AuditJsonAsync(int expectedCode, params string[] args)
    {
        var result = await Run(["audit", .. args, "--format", "json", "--events", ConformanceCase.HistoryPath]);
        result.Code.Should().Be(expectedCode, result.Error + result.Out);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private static object?[] Differences(JsonElement verdict) =>
        [.. verdict.GetProperty("differences").EnumerateArray().Select(d => (
            d.GetProperty("key").ValueKind == JsonValueKind.Null ? null : d.GetProperty("key").GetString(),
            d.GetProperty("cell").GetString(),
            d.GetProperty("published").GetInt64(),
            d.GetProperty("rebuilt").GetInt64(),
            d.GetProperty("difference").GetInt64()))];

    [Theory]
    [MemberData(nameof(ConformanceCase.Names), MemberType = typeof(ConformanceCase))]
    public async Task Every_golden_report_audited_against_the_history_it_came_from_matches_and_exits_0(string name)
    {
        var golden = ConformanceCase.Named(name);

        var result = await Run(["audit", "--published", Path.Combine(ConformanceCase.Directory, name), .. OptionsOf(golden), "--events", ConformanceCase.HistoryPath]);

        result.Code.Should().Be(0, result.Error + result.Out);
        result.Out.Should().Contain("Kết luận: KHỚP").And.NotContain("Ô khác nhau");
    }

    [Fact]
    public async Task A_changed_cell_exits_1_naming_its_row_cell_published_and_rebuilt_counts()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ConformanceCase.Directory, H1Agency)))!;
        var row = json["rows"]![0]!;
        var key = (string)row["key"]!;
        var late = (long)row["resolved_late"]!;
        row["resolved_late"] = late + 1;
        var file = Temp("changed.json");
        await File.WriteAllTextAsync(file, json.ToJsonString());

        var verdict = await AuditJsonAsync(1, "--published", file, "--period", "2022-H1");
        var table = await Run("audit", "--published", file, "--period", "2022-H1", "--events", ConformanceCase.HistoryPath);

        verdict.GetProperty("verdict").GetString().Should().Be("differ");
        verdict.GetProperty("by").GetString().Should().Be("agency", "the breakdown is the table's own when --by is not given");
        Differences(verdict).Should().Equal((key, "resolved_late", late + 1, late, 1L));
        verdict.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("check").GetString()).Should().Contain("sum_of_parts").And.Contain("sum_of_rows");
        table.Code.Should().Be(1);
        table.Out.Should().Contain(key).And.Contain("Đã giải quyết — Quá hạn (resolved_late)").And.Contain("Kết luận: KHÔNG KHỚP — 1/126 ô");
    }

    [Fact]
    public async Task A_hand_typed_CSV_with_columns_left_out_compares_what_it_publishes_and_warns_that_it_does_not_close()
    {
        // The Huế layout: no carried-over, withdrawn or totals of resolved and pending; early and on time as one figure;
        // typed by hand with semicolons, a row-number and a notes column, stray spaces and an empty row.
        var file = Temp("hand.csv");
        await File.WriteAllTextAsync(file, """
            STT;  ;Số hồ sơ nhận giải quyết;;;Số hồ sơ đã giải quyết;;Số hồ sơ đang giải quyết;;
            ; Cơ quan ;  Tổng số ;Trực tuyến;Trực tiếp và qua dịch vụ bưu chính;Trước hạn, đúng hạn;Quá hạn;Trong hạn;Quá hạn;Ghi chú
            1;000.00.03.H57;21;5; 15 ;10;4;0;6;
            ;;;;;;;;;
            ;Tổng cộng;191;54;122;42;69;14;51;số liệu chưa đóng
            """);

        var verdict = await AuditJsonAsync(0, "--published", file, "--period", "2022-H1");

        verdict.GetProperty("verdict").GetString().Should().Be("match");
        verdict.GetProperty("compared").GetInt32().Should().Be(14);
        verdict.GetProperty("not_published").EnumerateArray().Where(p => p.GetProperty("key").ValueKind == JsonValueKind.Null)
            .Select(p => p.GetProperty("cell").GetString())
            .Should().Equal("carried_over", "resolved_early", "resolved_on_time", "resolved_total", "withdrawn", "pending_total");
        verdict.GetProperty("rows_only_rebuilt").GetArrayLength().Should().Be(7, "the table publishes one of the eight agencies");
        var warnings = verdict.GetProperty("warnings").EnumerateArray().ToList();
        warnings.Where(w => w.GetProperty("check").GetString() == "identity")
            .Select(w => (w.GetProperty("key").ValueKind == JsonValueKind.Null ? null : w.GetProperty("key").GetString(), w.GetProperty("stated").GetInt64(), w.GetProperty("computed").GetInt64()))
            .Should().Equal(("000.00.03.H57", 21L, 20L), ((string?)null, 191L, 176L));
        warnings.Count(w => w.GetProperty("check").GetString() == "sum_of_rows").Should().Be(7, "one agency of eight does not sum to the totals, in each of the seven columns both publish");
    }

    [Fact]
    public async Task Counts_grouped_the_Vietnamese_way_are_read_as_whole_numbers()
    {
        var file = Temp("grouped.csv");
        await File.WriteAllTextAsync(file, """
            ,Số hồ sơ nhận giải quyết,Số hồ sơ đã giải quyết
            Đơn vị,Tổng số,Quá hạn
            Tổng cộng,1.191,"6,900"
            """);

        var verdict = await AuditJsonAsync(1, "--published", file, "--period", "2022-H1");

        Differences(verdict).Should().Equal(((string?)null, "received_total", 1191L, 191L, 1000L), ((string?)null, "resolved_late", 6900L, 69L, 6831L));
    }

    [Fact]
    public async Task The_CSV_and_XLSX_that_report_writes_as_of_an_instant_match_as_of_it_and_differ_from_the_whole_history()
    {
        var golden = ConformanceCase.Named("h1-2022.as-of-2022-06-15.by-field.json");
        var csv = Temp("published.csv");
        var xlsx = Temp("published.xlsx");
        foreach (var (format, file) in new[] { ("csv", csv), ("xlsx", xlsx) })
        {
            var written = await Run(["report", .. OptionsOf(golden), "--format", format, "--out", file, "--events", ConformanceCase.HistoryPath]);
            written.Code.Should().Be(0, written.Error);
        }

        foreach (var file in new[] { csv, xlsx })
        {
            var asOf = await AuditJsonAsync(0, ["--published", file, .. OptionsOf(golden)]);
            asOf.GetProperty("compared").GetInt32().Should().Be(12 * (golden.Expected.Rows.Length + 1), file);
            asOf.GetProperty("by").GetString().Should().Be("field");
            asOf.GetProperty("not_published").GetArrayLength().Should().Be(0);

            var now = await AuditJsonAsync(1, "--published", file, "--period", "2022-H1");
            now.GetProperty("differences").GetArrayLength().Should().BePositive("events recorded after 15/06/2022 change the window's cells");
        }
    }

    [Fact]
    public async Task A_cell_changed_in_the_XLSX_that_report_writes_exits_1_naming_it()
    {
        var golden = ConformanceCase.Named(H1Agency);
        var file = Temp("published.xlsx");
        var written = await Run("report", "--period", "2022-H1", "--by", "agency", "--format", "xlsx", "--out", file, "--events", ConformanceCase.HistoryPath);
        written.Code.Should().Be(0, written.Error);
        using (var workbook = new XLWorkbook(file))
        {
            // Row 6 is the first agency; column 5 is "Từ kỳ trước" (carried over). An officer clears column 3 (online) too.
            var sheet = workbook.Worksheet(1);
            sheet.Cell(6, 1).GetString().Should().Be(golden.Expected.Rows[0].Key);
            sheet.Cell(6, 5).Value = golden.Expected.Rows[0].Cells.CarriedOver + 2;
            sheet.Cell(6, 3).Value = string.Empty;
            workbook.Save();
        }

        var verdict = await AuditJsonAsync(1, "--published", file, "--period", "2022-H1");

        Differences(verdict).Should().Equal((golden.Expected.Rows[0].Key, "carried_over", golden.Expected.Rows[0].Cells.CarriedOver + 2, golden.Expected.Rows[0].Cells.CarriedOver, 2L));
        verdict.GetProperty("not_published").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("cell").GetString()))
            .Should().Equal((golden.Expected.Rows[0].Key, "received_online"));
    }

    [Fact]
    public async Task The_findings_as_CSV_list_each_difference_with_its_counts()
    {
        var file = Temp("grouped.csv");
        await File.WriteAllTextAsync(file, ",Số hồ sơ đang giải quyết\nĐơn vị,Trong hạn\nTổng cộng,15\n");

        var result = await Run("audit", "--published", file, "--period", "2022-H1", "--format", "csv", "--events", ConformanceCase.HistoryPath);

        result.Code.Should().Be(1, result.Error);
        var lines = result.Out.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be("Loại,Dòng,Ô,Tên ô,Công bố,Dựng lại,Chênh lệch,Tính từ biểu công bố");
        lines[1].Should().Be("khác nhau,Tổng cộng,pending_within,Đang giải quyết — Trong hạn,15,14,1,");
    }

    [Theory]
    [InlineData("bad.csv", ",Số hồ sơ nhận giải quyết\nCơ quan,Tổng số\nA,12a\n", "bad.csv: line 3, column 2: '12a' is not a count")]
    [InlineData("bad.csv", ",Số hồ sơ nhận giải quyết\nCơ quan,Tỷ lệ\nA,1\n", "bad.csv: line 2, column 2: 'Tỷ lệ' under 'Số hồ sơ nhận giải quyết' is not a column of Biểu 06")]
    [InlineData("bad.csv", "Cơ quan,Tổng số\nA,1\n", "bad.csv: no header rows of Biểu 06 found")]
    [InlineData("bad.csv", ",Số hồ sơ nhận giải quyết\nCơ quan,Trực tuyến\nA,1\nA,2\n", "bad.csv: line 4, column 1: a second row for 'A'")]
    [InlineData("bad.json", """{"total":{"received_online":-1}}""", "bad.json: report JSON: total.received_online: -1 is not a count")]
    [InlineData("bad.json", """{"window":{"from":"2022-01-01","to":"2022-06-30"},"total":{}}""", "bad.json: the table is of 01/01/2022–30/06/2022, the audit asks 15/12/2021–14/06/2022")]
    [InlineData("bad.json", """{"rows":[{"by":"agency","key":"A","withdrawn":1}]}""", "--by field: the table's rows are by agency")]
    public async Task A_bad_published_file_exits_2_naming_the_file_the_place_and_the_problem(string name, string content, string expected)
    {
        var file = Temp(name);
        await File.WriteAllTextAsync(file, content);
        string[] by = expected.StartsWith("--by", StringComparison.Ordinal) ? ["--by", "field"] : [];

        var result = await Run(["audit", "--published", file, "--period", "2022-H1", .. by, "--events", ConformanceCase.HistoryPath]);

        result.Code.Should().Be(2, result.Out);
        result.Error.Should().StartWith("parledger: ").And.Contain(expected);
        result.Error.TrimEnd().Should().NotContain("\n");
    }
}
