using ParLedger.Interchange;
using ParLedger.Replay;
using ParLedger.Audit;
using ParLedger.Statistics;
using ParLedger.Testing;

namespace ParLedger.Tests.Statistics;

public class ConformanceTests
{
    public static IEnumerable<object[]> Cases => ConformanceCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_replay_path_reproduces_every_golden_report(string name)
    {
        var golden = ConformanceCase.Named(name);
        var facts = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath), golden.Expected.AsOf);

        var report = PeriodStatistics.Compute(facts, golden.Expected.Window, golden.Expected.Policy, golden.By, golden.Expected.AsOf);

        report.ShouldHaveSameFiguresAs(golden.Expected, name);
        var json = ReportJson.Format(report);
        ReportJson.Parse(json).ShouldHaveSameFiguresAs(golden.Expected, "the JSON must read back the same");
        var expectedAsOf = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ConformanceCase.Directory, name))).RootElement.GetProperty("as_of").ToString();
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("as_of").ToString().Should().Be(expectedAsOf, "as_of is written as in SPEC §7");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explain_names_as_many_distinct_dossiers_as_every_golden_cell_counts(string name)
    {
        var golden = ConformanceCase.Named(name);
        var facts = HistoryReplay.Fold(JsonlHistoryReader.ReadFile(ConformanceCase.HistoryPath), golden.Expected.AsOf);

        foreach (var cell in Enum.GetValues<StatisticsCell>())
        {
            var codes = CellExplainer.Explain(facts, golden.Expected.Window, golden.Expected.Policy, cell).Select(e => e.Code.Value).ToList();
            codes.Should().OnlyHaveUniqueItems().And.HaveCount((int)golden.Expected.Total[cell], $"{Text.Of(cell)} in {name}");
            foreach (var row in golden.Expected.Rows)
            {
                CellExplainer.Explain(facts, golden.Expected.Window, golden.Expected.Policy, cell, row.By, row.Key).Select(e => e.Code.Value)
                    .Should().HaveCount((int)row.Cells[cell], $"{Text.Of(cell)} of {row.Key} in {name}").And.BeSubsetOf(codes);
            }
        }
    }

    [Fact]
    public void The_project_copy_holds_every_golden_file_and_no_unlisted_report()
    {
        foreach (var file in ConformanceCase.Files)
        {
            File.Exists(Path.Combine(ConformanceCase.Directory, file)).Should().BeTrue($"{file} must be in tests/conformance");
        }

        Directory.GetFiles(ConformanceCase.Directory, "*.json").Select(Path.GetFileName).Should()
            .BeSubsetOf(ConformanceCase.GoldenReports, "a golden report in tests/conformance must be listed in ConformanceCase.GoldenReports to be tested");
    }

    [SharedConformanceFact]
    public void When_shared_conformance_is_beside_the_clone_the_project_copy_equals_it_file_for_file()
    {
        var shared = ConformanceCase.SharedDirectory();
        shared.Should().NotBeNull("CI lays ../shared beside the clone, so there the copy must be compared with it");

        Directory.GetFiles(shared!).Select(Path.GetFileName).Should().BeEquivalentTo(ConformanceCase.Files, "tests/conformance must copy ../shared/conformance, no more and no less");
        foreach (var file in Directory.GetFiles(shared!))
        {
            var copy = Path.Combine(ConformanceCase.Directory, Path.GetFileName(file));
            File.Exists(copy).Should().BeTrue($"{Path.GetFileName(file)} must be copied into tests/conformance");
            File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(file), $"{Path.GetFileName(file)} must equal the shared copy");
        }
    }
}
