using ParLedger.Interchange;
using ParLedger.Replay;
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
            var codes = PeriodStatistics.Explain(facts, golden.Expected.Window, golden.Expected.Policy, cell);
            codes.Should().OnlyHaveUniqueItems().And.HaveCount((int)golden.Expected.Total[cell], $"{Text.Of(cell)} in {name}");
            foreach (var row in golden.Expected.Rows)
            {
                PeriodStatistics.Explain(facts, golden.Expected.Window, golden.Expected.Policy, cell, row.By, row.Key)
                    .Should().HaveCount((int)row.Cells[cell], $"{Text.Of(cell)} of {row.Key} in {name}").And.BeSubsetOf(codes);
            }
        }
    }

    [Fact]
    public void The_golden_files_are_copies_of_the_shared_conformance_folder_when_it_is_present()
    {
        var shared = FindShared();
        if (shared is null)
        {
            // Outside the project workspace only the committed copies exist; they are what the other tests read.
            File.Exists(ConformanceCase.HistoryPath).Should().BeTrue();
            return;
        }

        foreach (var file in Directory.GetFiles(shared))
        {
            var copy = Path.Combine(ConformanceCase.Directory, Path.GetFileName(file));
            File.Exists(copy).Should().BeTrue($"{Path.GetFileName(file)} must be copied into tests/conformance");
            File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(file), $"{Path.GetFileName(file)} must equal the shared copy");
        }
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
