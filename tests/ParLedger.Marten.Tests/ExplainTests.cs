using System.Text.Json;
using ParLedger.Marten.Tests.Infrastructure;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Marten.Tests;

/// <summary><c>parledger explain</c> (issue 11) through the built tool, from the store and from the history file.</summary>
public class ExplainTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static string[] WindowOf(ConformanceCase golden) =>
    [
        "--from", golden.Expected.Window.From.ToString("yyyy-MM-dd", null), "--to", golden.Expected.Window.To.ToString("yyyy-MM-dd", null),
        "--withdrawn", golden.Expected.Policy.WithdrawnText, "--precision", golden.Expected.Policy.PrecisionText,
        .. golden.Expected.AsOf is { } asOf ? new[] { "--as-of", ParLedger.InstantText.Format(asOf) } : [],
    ];

    [Fact]
    public async Task Explain_lists_as_many_dossiers_as_every_cell_of_a_golden_report_counts_from_the_store_and_from_the_file()
    {
        var schema = DatabaseFixture.NewSchema();
        (await Tool.RunAsync("import", ConformanceCase.HistoryPath, "--connection", database.ConnectionString, "--schema", schema)).Code.Should().Be(0);
        foreach (var golden in new[] { ConformanceCase.Named("h1-2022.by-agency.json"), ConformanceCase.Named("h1-2022.as-of-2022-05-18.by-agency.json") })
        {
            foreach (var cell in Enum.GetValues<StatisticsCell>())
            {
                var fromStore = await Tool.RunAsync(["explain", Text.Of(cell), .. WindowOf(golden), "--format", "json", "--connection", database.ConnectionString, "--schema", schema]);
                fromStore.Code.Should().Be(0, fromStore.Error);
                var json = JsonDocument.Parse(fromStore.Out).RootElement;
                json.GetProperty("count").GetInt64().Should().Be(golden.Expected.Total[cell], $"{Text.Of(cell)} of {golden.Name}");
                json.GetProperty("dossiers").GetArrayLength().Should().Be((int)golden.Expected.Total[cell]);

                var fromFile = await Tool.RunAsync(["explain", Text.Of(cell), .. WindowOf(golden), "--format", "json", "--events", ConformanceCase.HistoryPath]);
                fromFile.Out.Should().Be(fromStore.Out, $"{Text.Of(cell)} of {golden.Name}: the store and the file give the same explanation");
            }
        }
    }

    [Fact]
    public async Task Explain_of_one_row_in_csv_has_one_line_per_dossier_of_the_rows_cell()
    {
        var golden = ConformanceCase.Named("h1-2022.by-agency.json");
        var row = golden.Expected.Rows.MaxBy(r => r.Cells.ResolvedLate)!;

        var result = await Tool.RunAsync(["explain", "resolved_late", .. WindowOf(golden), "--by", "agency", "--key", row.Key, "--format", "csv", "--events", ConformanceCase.HistoryPath]);

        result.Code.Should().Be(0, result.Error);
        var lines = result.Out.TrimEnd().Split('\n');
        lines[0].Should().Contain("Mã hồ sơ").And.Contain("Hạn xử lý");
        lines.Skip(1).Should().HaveCount((int)row.Cells.ResolvedLate).And.OnlyContain(l => l.Contains(row.Key));
    }

    [Fact]
    public async Task The_as_of_comparison_names_the_dossiers_moved_by_late_events_as_the_two_as_of_reports_differ()
    {
        string[] window = ["--period", "2022-H1"];
        var (t1, t2) = ("2022-05-18T00:00:00+07:00", "2022-06-15T00:00:00+07:00");
        var first = ReportJson.Parse((await Tool.RunAsync(["report", .. window, "--as-of", t1, "--format", "json", "--events", ConformanceCase.HistoryPath])).Out);
        var second = ReportJson.Parse((await Tool.RunAsync(["report", .. window, "--as-of", t2, "--format", "json", "--events", ConformanceCase.HistoryPath])).Out);
        var moved = 0L;
        foreach (var cell in new[] { StatisticsCell.ResolvedLate, StatisticsCell.PendingOverdue, StatisticsCell.PendingWithin })
        {
            var result = await Tool.RunAsync(["explain", Text.Of(cell), .. window, "--as-of", t1, "--compare-as-of", t2, "--format", "json", "--events", ConformanceCase.HistoryPath]);
            result.Code.Should().Be(0, result.Error);
            var json = JsonDocument.Parse(result.Out).RootElement;
            var (entered, left) = (json.GetProperty("entered").GetInt64(), json.GetProperty("left").GetInt64());
            (entered - left).Should().Be(second.Total[cell] - first.Total[cell], Text.Of(cell));
            foreach (var dossier in json.GetProperty("dossiers").EnumerateArray())
            {
                var recorded = dossier.GetProperty("late_events").EnumerateArray()
                    .Select(e => ParLedger.InstantText.TryParse(e.GetProperty("recorded").GetString(), out var r) ? r : throw new FormatException("recorded")).ToList();
                recorded.Should().NotBeEmpty().And.OnlyContain(r => r > Instant(t1) && r <= Instant(t2), "only events recorded between the two instants are listed");
            }

            moved += entered + left;
        }

        moved.Should().BeGreaterThan(0, "the golden history records events late between the two instants");
    }

    private static NodaTime.Instant Instant(string text) => ParLedger.InstantText.TryParse(text, out var i) ? i : throw new FormatException(text);

    [Fact]
    public async Task Explain_refuses_an_unknown_cell_and_a_key_without_a_breakdown_with_exit_2()
    {
        var unknown = await Tool.RunAsync("explain", "resolved_sometime", "--period", "2022-H1", "--events", ConformanceCase.HistoryPath);
        unknown.Code.Should().Be(2);
        unknown.Error.Trim().Should().StartWith("parledger: CELL 'resolved_sometime': expected one of carried_over").And.NotContain("\n");

        var lonelyKey = await Tool.RunAsync("explain", "resolved_late", "--period", "2022-H1", "--key", "X", "--events", ConformanceCase.HistoryPath);
        lonelyKey.Code.Should().Be(2);
        lonelyKey.Error.Should().Contain("--by and --key go together");

        var backwards = await Tool.RunAsync("explain", "resolved_late", "--period", "2022-H1", "--as-of", "2022-06-15T00:00:00+07:00", "--compare-as-of", "2022-05-15T00:00:00+07:00", "--events", ConformanceCase.HistoryPath);
        backwards.Code.Should().Be(2);
        backwards.Error.Should().Contain("is before --as-of");
    }
}
