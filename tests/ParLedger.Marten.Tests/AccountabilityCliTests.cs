using System.Text.Json;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary><c>parledger accountability</c> (issue 11) through the built tool, from the store and from the history file.</summary>
public class AccountabilityCliTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_accountability_table_from_the_store_equals_the_files_and_its_overdue_counts_sum_to_the_reports_cells()
    {
        var schema = DatabaseFixture.NewSchema();
        (await Tool.RunAsync("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString, "--schema", schema)).Code.Should().Be(0);
        foreach (var (window, asOf) in new[] { ("2022-H1", (string?)null), ("2022-Q1", "2022-05-18T00:00:00+07:00") })
        {
            string[] options = ["--period", window, "--format", "json", .. asOf is null ? Array.Empty<string>() : ["--as-of", asOf]];
            var fromStore = await Tool.RunAsync(["accountability", .. options, "--connection", database.ConnectionString, "--schema", schema]);
            var fromFile = await Tool.RunAsync(["accountability", .. options, "--events", ConformanceCase.HistoryPath]);
            var report = ReportJson.Parse((await Tool.RunAsync(["report", .. options, "--events", ConformanceCase.HistoryPath])).Out);

            fromStore.Code.Should().Be(0, fromStore.Error);
            fromStore.Out.Should().Be(fromFile.Out);
            var rows = JsonDocument.Parse(fromStore.Out).RootElement.EnumerateArray().ToList();
            rows.Sum(r => r.GetProperty("overdue").GetInt64()).Should().Be(report.Total.ResolvedLate + report.Total.PendingOverdue, window);
            rows.Select(r => r.GetProperty("overdue").GetInt64()).Should().BeInDescendingOrder();
            rows.Where(r => r.GetProperty("on_time_rate").ValueKind != JsonValueKind.Null).Select(r => r.GetProperty("on_time_rate").GetDouble())
                .Should().OnlyContain(rate => rate >= 0 && rate <= 1, "rates are fractions");
        }

        var xlsx = Path.Combine(Path.GetTempPath(), $"{schema}.xlsx");
        var written = await Tool.RunAsync("accountability", "--period", "2022-H1", "--format", "xlsx", "--out", xlsx, "--events", ConformanceCase.HistoryPath);
        written.Code.Should().Be(0, written.Error);
        using var workbook = new ClosedXML.Excel.XLWorkbook(xlsx);
        workbook.Worksheet(1).Cell(3, 1).GetString().Should().Be("Cơ quan chịu trách nhiệm");
    }
}
