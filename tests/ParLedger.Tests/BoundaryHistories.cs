using NodaTime;
using ParLedger.Deadlines;
using ParLedger.Interchange;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using ParLedger.Verdicts;

namespace ParLedger.Tests;

/// <summary>
/// Small hand-written histories in the interchange format of SPEC §6, read and folded through the public replay path
/// (<see cref="JsonlHistoryReader"/>, <see cref="HistoryReplay"/>), for the boundary tests written against mutation
/// testing (docs/mutation-testing.md). Expected values in those tests are derived by hand from SPEC; nothing here
/// computes an expected value.
/// </summary>
internal static class BoundaryHistories
{
    /// <summary>The window [2022-06-01, 2022-06-30]: start 2022-06-01T00:00+07:00, end 2022-07-01T00:00+07:00.</summary>
    public static readonly ReportingWindow June = new(new LocalDate(2022, 6, 1), new LocalDate(2022, 6, 30));

    /// <summary>The precision <c>day</c>, withdrawn <c>separate</c>.</summary>
    public static readonly ReportPolicy ByDay = new(WithdrawnPolicy.Separate, TimelinessPrecision.Day);

    /// <summary>The precision <c>instant</c>, withdrawn <c>separate</c>.</summary>
    public static readonly ReportPolicy ByInstant = new(WithdrawnPolicy.Separate, TimelinessPrecision.Instant);

    /// <summary>A <c>received</c> line of dossier <paramref name="dossier"/>.</summary>
    public static string Received(string dossier, string at, string due, string channel = "direct", bool feeRequired = false) =>
        $$"""{"dossier":"{{dossier}}","type":"received","at":"{{at}}","agency":"000.00.36.H57","procedure":"1.001234","level":"district","channel":"{{channel}}","due":"{{due}}","fee_required":{{(feeRequired ? "true" : "false")}}}""";

    /// <summary>Any other line: <paramref name="fields"/> is the JSON after <c>at</c> (e.g. <c>"online":true</c>), or empty.</summary>
    public static string Event(string dossier, string type, string at, string fields = "") =>
        $$"""{"dossier":"{{dossier}}","type":"{{type}}","at":"{{at}}"{{(fields.Length == 0 ? "" : "," + fields)}}}""";

    /// <summary>Reads and folds the lines (validated as an import is).</summary>
    public static IReadOnlyList<DossierFacts> Fold(params string[] lines) =>
        HistoryReplay.Fold(JsonlHistoryReader.Read(new StringReader(string.Join('\n', lines)), "boundary.jsonl").ToList());

    /// <summary>
    /// The totals of a window's report by both report paths: the replay's window rules (<see cref="PeriodStatistics"/>) and
    /// the verdict index (<see cref="VerdictIndex"/>); a test asserts both against its hand-derived cells.
    /// </summary>
    public static StatisticsCells[] Totals(ReportingWindow window, ReportPolicy policy, params string[] lines)
    {
        var facts = Fold(lines);
        return [PeriodStatistics.Compute(facts, window, policy).Total, VerdictIndex.Build(facts).Report(window, policy).Total];
    }

    /// <summary>The <see cref="ServiceIndex"/> rates of a window by their SPEC §5 number, as (numerator, denominator).</summary>
    public static Dictionary<string, (long Numerator, long Denominator)> Rates(ReportingWindow window, ReportPolicy policy, params string[] lines) =>
        ServiceIndex.Compute(Fold(lines), window, policy).ToDictionary(r => r.Number, r => (r.Numerator, r.Denominator));

    /// <summary>No cell counted.</summary>
    public static StatisticsCells None => default;
}
