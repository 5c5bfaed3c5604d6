using NodaTime;

namespace ParLedger.Verdicts;

/// <summary>
/// The roll-ups of summed verdict changes (docs/domain.md, "Verdicts as day intervals"): every change is counted on its
/// day, its month (the first of the month) and its year (1 January), so that the prefix sum <c>C(X)</c> of any day
/// <c>X</c> reads whole years before <c>X</c>'s year, whole months of that year before <c>X</c>'s month, and the days
/// of <c>X</c>'s month up to <c>X</c>: at most a few dozen rows per key, whatever the history's length or size.
/// </summary>
internal static class VerdictPeriods
{
    /// <summary>Roll-up levels, as stored.</summary>
    public const short Day = 0, Month = 1, Year = 2;

    /// <summary>The month (its first day) of a day.</summary>
    public static LocalDate MonthOf(LocalDate day) => new(day.Year, day.Month, 1);

    /// <summary>The year (its 1 January) of a day.</summary>
    public static LocalDate YearOf(LocalDate day) => new(day.Year, 1, 1);

    /// <summary>
    /// The rows whose sum is <c>C(x)</c>: level <see cref="Year"/> with period before <c>YearStart</c>, level
    /// <see cref="Month"/> from <c>YearStart</c> and before <c>MonthStart</c>, level <see cref="Day"/> from
    /// <c>MonthStart</c> to <paramref name="x"/> inclusive.
    /// </summary>
    public static (LocalDate YearStart, LocalDate MonthStart, LocalDate Day) Prefix(LocalDate x) => (YearOf(x), MonthOf(x), x);
}
