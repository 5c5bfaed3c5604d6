using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 10, "series of windows": <c>report --periods FIRST..LAST</c> run as the built tool. Each period's report in the
/// series is the report <c>report --period P</c> prints on its own, from a history file or a store, in every format.
/// </summary>
public class ReportPeriodsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly string History = ConformanceCase.HistoryPath;

    /// <summary>Seven months across a year boundary.</summary>
    private static readonly string[] Months = ["2021-M12", "2022-M01", "2022-M02", "2022-M03", "2022-M04", "2022-M05", "2022-M06"];

    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => Tool.RunAsync(args);

    public static IEnumerable<object[]> Options() =>
    [
        [Array.Empty<string>()],
        [new[] { "--by", "field", "--as-of", "2022-03-20T00:00:00+07:00", "--withdrawn", "resolved-on-time", "--precision", "instant" }],
    ];

    [Theory]
    [MemberData(nameof(Options))]
    public async Task The_json_series_from_a_file_is_the_array_of_the_single_period_reports_in_order(string[] options)
    {
        await ShouldEqualSinglePeriodReportsAsync([.. options, "--events", History]);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task The_json_series_from_a_store_is_the_array_of_the_single_period_reports_and_equals_the_file_series(string[] options)
    {
        var schema = DatabaseFixture.NewSchema();
        var imported = await Run("import", History, "--connection", database.ConnectionString, "--schema", schema);
        imported.Code.Should().Be(0, imported.Error);

        var fromStore = await ShouldEqualSinglePeriodReportsAsync([.. options, "--connection", database.ConnectionString, "--schema", schema]);
        var fromFile = await Run(["report", "--periods", "2021-M12..2022-M06", "--format", "json", .. options, "--events", History]);

        fromFile.Code.Should().Be(0, fromFile.Error);
        fromStore.Should().Be(fromFile.Out, "the store and the file give the same series");
    }

    /// <summary>Runs the series and each single-period report with the same options; returns the series' output.</summary>
    private static async Task<string> ShouldEqualSinglePeriodReportsAsync(string[] options)
    {
        var series = await Run(["report", "--periods", "2021-M12..2022-M06", "--format", "json", .. options]);

        series.Code.Should().Be(0, series.Error);
        using var array = JsonDocument.Parse(series.Out);
        var elements = array.RootElement.EnumerateArray().Select(e => ReportJson.Parse(e.GetRawText())).ToList();
        elements.Should().HaveCount(Months.Length);
        elements[0].Window.Should().Be(new Periods.ReportingWindow(new NodaTime.LocalDate(2021, 11, 15), new NodaTime.LocalDate(2021, 12, 14)));
        elements[^1].Window.Should().Be(new Periods.ReportingWindow(new NodaTime.LocalDate(2022, 5, 15), new NodaTime.LocalDate(2022, 6, 14)));
        elements.Select(r => r.Total.ReceivedTotal).Distinct().Should().HaveCountGreaterThan(1, "the months differ, so a repeated report would show");
        for (var i = 0; i < Months.Length; i++)
        {
            var single = await Run(["report", "--period", Months[i], "--format", "json", .. options]);

            single.Code.Should().Be(0, single.Error);
            (elements[i] == ReportJson.Parse(single.Out)).Should().BeTrue($"element {i} is the report of {Months[i]}");
        }

        return series.Out;
    }

    [Fact]
    public async Task The_csv_series_is_one_table_with_period_from_and_to_columns_and_one_block_of_rows_per_period()
    {
        string[] quarters = ["2021-Q4", "2022-Q1", "2022-Q2"];
        string[] dates = ["2021-09-15,2021-12-14", "2021-12-15,2022-03-14", "2022-03-15,2022-06-14"];

        var series = await Run("report", "--periods", "2021-Q4..2022-Q2", "--by", "agency", "--format", "csv", "--events", History);

        series.Code.Should().Be(0, series.Error);
        var lines = series.Out.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith(",,,,Số hồ sơ nhận giải quyết,");
        lines[1].Should().StartWith("period,from,to,Cơ quan,Tổng số,Trực tuyến,");
        var expected = new List<string>();
        for (var i = 0; i < quarters.Length; i++)
        {
            var single = await Run("report", "--period", quarters[i], "--by", "agency", "--format", "csv", "--events", History);
            single.Code.Should().Be(0, single.Error);
            var rows = single.Out.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            rows[^1].Should().StartWith("Tổng cộng,");
            expected.AddRange(rows.Select(row => $"{quarters[i]},{dates[i]},{row}"));
        }

        lines.Skip(2).Should().Equal(expected);
    }

    [Fact]
    public async Task The_xlsx_series_has_one_sheet_per_period_named_after_it_laid_out_as_the_single_report()
    {
        string[] halves = ["2021-H2", "2022-H1", "2022-H2"];
        var directory = Directory.CreateTempSubdirectory("parledger-periods-").FullName;
        var file = Path.Combine(directory, "series.xlsx");

        var series = await Run("report", "--periods", "2021-H2..2022-H2", "--by", "channel", "--format", "xlsx", "--out", file, "--events", History);

        series.Code.Should().Be(0, series.Error);
        using var workbook = new XLWorkbook(file);
        workbook.Worksheets.Select(s => s.Name).Should().Equal(halves);
        for (var i = 0; i < halves.Length; i++)
        {
            var singleFile = Path.Combine(directory, $"{halves[i]}.xlsx");
            var single = await Run("report", "--period", halves[i], "--by", "channel", "--format", "xlsx", "--out", singleFile, "--events", History);
            single.Code.Should().Be(0, single.Error);
            using var singleBook = new XLWorkbook(singleFile);
            var expected = singleBook.Worksheet(1);
            var sheet = workbook.Worksheet(halves[i]);

            sheet.Cell(1, 1).GetString().Should().Contain($"kỳ báo cáo {halves[i]} từ ");
            sheet.MergedRanges.Select(r => r.RangeAddress.ToString()).Should().BeEquivalentTo(expected.MergedRanges.Select(r => r.RangeAddress.ToString()));
            sheet.LastRowUsed()!.RowNumber().Should().Be(expected.LastRowUsed()!.RowNumber());
            sheet.Cell(expected.LastRowUsed()!.RowNumber(), 1).GetString().Should().Be("Tổng cộng");
            for (var row = 2; row <= expected.LastRowUsed()!.RowNumber(); row++)
            {
                Enumerable.Range(1, 13).Select(c => sheet.Cell(row, c).Value.ToString()).Should().Equal(
                    Enumerable.Range(1, 13).Select(c => expected.Cell(row, c).Value.ToString()), $"{halves[i]}, row {row}");
            }
        }
    }

    [Fact]
    public async Task The_table_series_is_one_table_per_period_in_order()
    {
        var series = await Run("report", "--periods", "2021-9M..2022-9M", "--events", History);

        series.Code.Should().Be(0, series.Error);
        var first = series.Out.IndexOf("kỳ báo cáo 2021-9M từ 15/12/2020 đến 14/09/2021", StringComparison.Ordinal);
        var second = series.Out.IndexOf("kỳ báo cáo 2022-9M từ 15/12/2021 đến 14/09/2022", StringComparison.Ordinal);
        first.Should().BeGreaterThanOrEqualTo(0);
        second.Should().BeGreaterThan(first);
        series.Out.Split("Tổng cộng").Should().HaveCount(3, "each table has its totals row");
    }

    public static IEnumerable<object[]> UsageProbes() =>
    [
        [new[] { "--periods", "2022-M01..2022-Q4" }, "--periods '2022-M01..2022-Q4': the ends of a range of periods must be of one kind: 2022-M01 is a month, 2022-Q4 a quarter."],
        [new[] { "--periods", "2022-M06..2022-M01" }, "--periods '2022-M06..2022-M01': the first period of a range (2022-M06) must not be after its last (2022-M01)."],
        [new[] { "--periods", "2022-M01-2022-M06" }, "--periods '2022-M01-2022-M06': not a range of reporting periods: expected FIRST..LAST"],
        [new[] { "--periods", "2022-M01..2022-M13" }, "--periods '2022-M01..2022-M13': '2022-M13' is not a reporting period"],
        [new[] { "--periods", "1901-M01..2199-M12" }, "--periods '1901-M01..2199-M12': 3,588 periods; at most 600 in one run"],
        [new[] { "--periods", "2022-M01..2022-M03", "--period", "2022-H1" }, "give one of --periods, --period, or --from and --to"],
        [new[] { "--periods", "2022-M01..2022-M03", "--from", "2022-01-01", "--to", "2022-02-01" }, "give one of --periods, --period, or --from and --to"],
        [new[] { "--periods", "2022-M01..2022-M03", "--format", "xlsx" }, "xlsx is a binary format"],
    ];

    [Theory]
    [MemberData(nameof(UsageProbes))]
    public async Task Bad_periods_usage_exits_2_with_one_line_naming_the_option_and_the_problem(string[] args, string message)
    {
        var result = await Run(["report", .. args, "--events", History]);

        result.Code.Should().Be(2, result.Error);
        result.Out.Should().BeEmpty();
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith($"parledger: {message}");
    }

    [Fact]
    public async Task Six_hundred_months_are_reported_and_the_series_is_written_once_to_the_out_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("parledger-periods-").FullName, "series.json");

        var result = await Run("report", "--periods", "1990-M01..2039-M12", "--format", "json", "--out", file, "--events", History);

        result.Code.Should().Be(0, result.Error);
        result.Out.Should().BeEmpty();
        using var array = JsonDocument.Parse(await File.ReadAllTextAsync(file, Encoding.UTF8));
        array.RootElement.GetArrayLength().Should().Be(600);
        array.RootElement[599].GetProperty("window").GetProperty("to").GetString().Should().Be("2039-12-14");
    }
}
