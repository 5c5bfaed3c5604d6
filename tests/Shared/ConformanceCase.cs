using System.Text.RegularExpressions;
using ParLedger.Statistics;

namespace ParLedger.Testing;

/// <summary>A golden report of ../shared/conformance (copied to tests/conformance) and what it was computed with.</summary>
public sealed record ConformanceCase(string Name, StatisticsReport Expected, Breakdown? By)
{
    /// <summary>
    /// The golden reports the tests require, named here rather than found by listing the folder, so that a missing
    /// file fails its tests instead of silently shrinking the suite.
    /// </summary>
    public static IReadOnlyList<string> GoldenReports { get; } =
    [
        "day-2021-11-20.instant.json",
        "day-2022-03-01.by-channel.json",
        "h1-2022.as-of-2022-02-14.json",
        "h1-2022.as-of-2022-05-18.by-agency.json",
        "h1-2022.as-of-2022-05-28T12.by-agency.json",
        "h1-2022.as-of-2022-06-15.by-field.json",
        "h1-2022.by-agency.json",
        "q1-2022.resolved-on-time.instant.by-level.json",
    ];

    /// <summary>Every file the project's copy must hold: the history, the golden reports and the README.</summary>
    public static IReadOnlyList<string> Files { get; } = ["README.md", "history.jsonl", .. GoldenReports];

    /// <summary>The project's copy (tests/conformance), as copied beside the test assembly.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "conformance");

    public static string HistoryPath => Path.Combine(Directory, "history.jsonl");

    public static IEnumerable<ConformanceCase> All() => GoldenReports.Select(Named);

    public static IEnumerable<object[]> Names() => GoldenReports.Select(name => new object[] { name });

    public static ConformanceCase Named(string name) => Load(Path.Combine(Directory, name));

    /// <summary>
    /// The workspace's shared/conformance folder (../shared beside the clone), or <see langword="null"/> when this
    /// clone has none beside it.
    /// </summary>
    public static string? SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static ConformanceCase Load(string path)
    {
        var name = Path.GetFileName(path);
        File.Exists(path).Should().BeTrue($"the golden report {name} must be in tests/conformance");
        var expected = ReportJson.Parse(File.ReadAllText(path));
        var match = Regex.Match(name, @"\.by-(\w+)\.json$");
        Breakdown? by = null;
        if (match.Success)
        {
            Text.TryParse(match.Groups[1].Value, out Breakdown b).Should().BeTrue($"{name} names a breakdown");
            by = b;
        }

        return new ConformanceCase(name, expected, by);
    }

    public override string ToString() => Name;
}
