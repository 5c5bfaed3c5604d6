using System.Text.RegularExpressions;
using ParLedger.Statistics;

namespace ParLedger.Testing;

/// <summary>A golden report of ../shared/conformance (copied to tests/conformance) and what it was computed with.</summary>
public sealed record ConformanceCase(string Name, StatisticsReport Expected, Breakdown? By)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "conformance");

    public static string HistoryPath => Path.Combine(Directory, "history.jsonl");

    public static IEnumerable<ConformanceCase> All() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(Load);

    public static IEnumerable<object[]> Names() => All().Select(c => new object[] { c.Name });

    public static ConformanceCase Named(string name) => Load(Path.Combine(Directory, name));

    private static ConformanceCase Load(string path)
    {
        var name = Path.GetFileName(path);
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
