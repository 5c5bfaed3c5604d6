using System.Text;
using ClosedXML.Excel;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>The built tool, run as a process the way a user runs it.</summary>
public class ToolTests
{
    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Infrastructure.Tool.RunAsync(args);

    [Fact]
    public async Task The_tool_prints_its_version_and_help()
    {
        var version = await Run("--version");
        version.Code.Should().Be(0);
        version.Out.Should().StartWith("0.1.0");

        var help = await Run("report", "--help");
        help.Code.Should().Be(0);
        help.Out.Should().Contain("--period").And.Contain("--as-of").And.Contain("--events").And.Contain("xlsx");
    }

    [Fact]
    public async Task The_tool_reports_a_golden_window_from_a_history_file_as_SPEC_json()
    {
        var golden = ConformanceCase.Named("h1-2022.by-agency.json");

        var result = await Run("report", "--period", "2022-H1", "--by", "agency", "--format", "json", "--events", ConformanceCase.HistoryPath);

        result.Code.Should().Be(0, result.Error);
        ReportJson.Parse(result.Out).ShouldHaveSameFiguresAs(golden.Expected);
    }

    [Theory]
    [InlineData(new[] { "report", "--period", "2022-H1" }, 2, "needs a store")]
    [InlineData(new[] { "report", "--period", "2022-H7", "--events", "x.jsonl" }, 2, "--period '2022-H7'")]
    [InlineData(new[] { "report", "--from", "2022-06-15", "--to", "2022-06-14", "--events", "x.jsonl" }, 2, "--from 2022-06-15 is after --to 2022-06-14")]
    [InlineData(new[] { "report", "--period", "2022-H1", "--connection", "Host=127.0.0.1;Port=1;Username=x;Timeout=2" }, 3, "cannot open the store")]
    [InlineData(new[] { "frobnicate" }, 2, "frobnicate")]
    [InlineData(new[] { "report", "--period", "2022-H1", "--connection", "Host=127.0.0.1", "--schema", "x; drop table y" }, 2, "--schema: 'x; drop table y' is not a schema name")]
    [InlineData(new[] { "due", "--received", "2024-02-07T10:00:00", "--days", "3" }, 2, "--received '2024-02-07T10:00:00'")]
    public async Task Bad_usage_exits_2_and_store_errors_exit_3_with_a_clear_message(string[] args, int code, string message)
    {
        var result = await Run(args);

        result.Code.Should().Be(code);
        result.Error.Should().Contain(message);
    }

    [Fact]
    public async Task Issue9_the_calendar_of_a_year_without_an_official_schedule_says_its_days_off_are_computed()
    {
        var computed = await Run("calendar", "2020", "--format", "json");

        computed.Code.Should().Be(0, computed.Error);
        computed.Error.Trim().Should().Be("parledger: note: 2020 has no official schedule; its days off are computed (Labour Code Art. 112).");
        using var json = System.Text.Json.JsonDocument.Parse(computed.Out);
        json.RootElement.GetProperty("days_off").EnumerateArray().Select(e => e.GetProperty("source").GetString()).Should().NotBeEmpty().And.OnlyContain(s => s == "computed");

        var official = await Run("calendar", "2022", "--format", "json");

        official.Code.Should().Be(0, official.Error);
        official.Error.Should().BeEmpty();
        using var json2022 = System.Text.Json.JsonDocument.Parse(official.Out);
        json2022.RootElement.GetProperty("days_off").EnumerateArray().Select(e => e.GetProperty("source").GetString()).Should().NotBeEmpty().And.OnlyContain(s => s == "official");
        json2022.RootElement.GetProperty("days_off").EnumerateArray().Where(e => e.GetProperty("date").GetString()!.StartsWith("2022-09", StringComparison.Ordinal))
            .Select(e => e.GetProperty("date").GetString()).Should().Equal("2022-09-01", "2022-09-02");
        (await Run("calendar", "2020")).Error.Should().Contain("2020 has no official schedule", "the table format notes it too");
    }

    [Fact]
    public async Task Issue9_a_due_that_crosses_a_year_without_an_official_schedule_says_so_and_one_within_official_years_does_not()
    {
        var crossing = await Run("due", "--received", "2026-12-28T09:00:00+07:00", "--days", "5");

        crossing.Code.Should().Be(0, crossing.Error);
        crossing.Out.Trim().Should().Be("2027-01-05T17:00:00+07:00");
        crossing.Error.Trim().Should().Be("parledger: note: 2027 has no official schedule; its days off are computed (Labour Code Art. 112).");

        var from2019 = await Run("due", "--received", "2019-12-30T09:00:00+07:00", "--days", "300");
        from2019.Code.Should().Be(0, from2019.Error);
        from2019.Error.Should().Contain("2020 has no official schedule").And.NotContain("2019").And.NotContain("2021");

        var official = await Run("due", "--received", "2025-12-30T09:00:00+07:00", "--days", "3");
        official.Code.Should().Be(0, official.Error);
        official.Out.Trim().Should().Be("2026-01-06T17:00:00+07:00", "1/1/2026 and 2/1/2026 are off, Saturday 10/1 is not yet");
        official.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task The_xlsx_report_is_the_template_sheet_with_merged_group_headers_and_the_reports_figures()
    {
        var golden = ConformanceCase.Named("h1-2022.by-agency.json");
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");

        var result = await Run("report", "--period", "2022-H1", "--by", "agency", "--format", "xlsx", "--out", file, "--events", ConformanceCase.HistoryPath);

        result.Code.Should().Be(0, result.Error);
        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet(1);
        sheet.Cell(1, 1).GetString().Should().Contain("Biểu số 06/VPCP/KSTT").And.Contain("15/12/2021").And.Contain("14/06/2022");
        sheet.MergedRanges.Select(r => r.RangeAddress.ToString()).Should().Contain(["B4:E4", "F4:I4", "K4:M4", "J4:J5", "A4:A5"]);
        sheet.Cell(4, 2).GetString().Should().Be("Số hồ sơ nhận giải quyết");
        sheet.Cell(5, 4).GetString().Should().Be("Trực tiếp, dịch vụ bưu chính");
        var rows = golden.Expected.Rows;
        for (var i = 0; i < rows.Length; i++)
        {
            sheet.Cell(6 + i, 1).GetString().Should().Be(rows[i].Key);
            sheet.Cell(6 + i, 2).GetValue<long>().Should().Be(rows[i].Cells.ReceivedTotal);
            sheet.Cell(6 + i, 13).GetValue<long>().Should().Be(rows[i].Cells.PendingOverdue);
        }

        var total = 6 + rows.Length;
        sheet.Cell(total, 1).GetString().Should().Be("Tổng cộng");
        Enumerable.Range(2, 12).Select(c => sheet.Cell(total, c).GetValue<long>()).Should().Equal(
            191, 54, 122, 15, 111, 35, 7, 69, 15, 65, 14, 51);
    }

    [Fact]
    public async Task The_csv_report_is_UTF8_with_a_BOM_and_the_template_headers()
    {
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.csv");

        // The window, as-of and breakdown of the golden file h1-2022.as-of-2022-06-15.by-field.json.
        var result = await Run("report", "--period", "2022-H1", "--by", "field", "--as-of", "2022-06-15T00:00:00+07:00", "--format", "csv", "--out", file, "--events", ConformanceCase.HistoryPath);

        result.Code.Should().Be(0, result.Error);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith(",Số hồ sơ nhận giải quyết,");
        lines[1].Should().Be("Lĩnh vực,Tổng số,Trực tuyến,\"Trực tiếp, dịch vụ bưu chính\",Từ kỳ trước,Tổng số,Trước hạn,Đúng hạn,Quá hạn,Rút hồ sơ,Tổng số,Trong hạn,Quá hạn");
        lines[2].Should().Be("(không có),30,12,17,1,19,7,1,11,0,11,1,10");
        lines.Should().Contain("Hộ tịch,28,7,19,2,20,4,1,15,1,7,2,5");
        lines[^1].Should().Be("Tổng cộng,190,54,121,15,111,35,7,69,15,64,14,50");
    }
}
