using NodaTime;

namespace ParLedger.Verdicts;

/// <summary>
/// The roll-ups of summed verdict changes (docs/domain.md, "Verdicts as day intervals"): every change is counted on its
/// day, its ten-day block (<i>tuần</i>: days 1–10, 11–20, 21–end, named by their first day), its month (the first of the
/// month) and its year (1 January), so that the prefix sum <c>C(X)</c> of any day <c>X</c> reads whole years before
/// <c>X</c>'s year, whole months of that year before <c>X</c>'s month, whole blocks of that month before <c>X</c>'s
/// block, and the days of <c>X</c>'s block up to <c>X</c>: at most about two dozen rows per key, whatever the history's
/// length or size.
/// </summary>
internal static class VerdictPeriods
{
    /// <summary>Roll-up levels, as stored.</summary>
    public const short Day = 0, Month = 1, Year = 2, Block = 3;

    /// <summary>The month (its first day) of a day.</summary>
    public static LocalDate MonthOf(LocalDate day) => new(day.Year, day.Month, 1);

    /// <summary>The ten-day block (its first day: the 1st, 11th or 21st) of a day.</summary>
    public static LocalDate BlockOf(LocalDate day) => new(day.Year, day.Month, day.Day <= 10 ? 1 : day.Day <= 20 ? 11 : 21);

    /// <summary>The year (its 1 January) of a day.</summary>
    public static LocalDate YearOf(LocalDate day) => new(day.Year, 1, 1);

    /// <summary>
    /// The rows whose sum is <c>C(x)</c>: level <see cref="Year"/> with period before <c>YearStart</c>, level
    /// <see cref="Month"/> from <c>YearStart</c> and before <c>MonthStart</c>, level <see cref="Block"/> from
    /// <c>MonthStart</c> and before <c>BlockStart</c>, level <see cref="Day"/> from <c>BlockStart</c> to
    /// <paramref name="x"/> inclusive.
    /// </summary>
    public static (LocalDate YearStart, LocalDate MonthStart, LocalDate BlockStart, LocalDate Day) Prefix(LocalDate x) => (YearOf(x), MonthOf(x), BlockOf(x), x);

    /// <summary>Every roll-up of a day: the day itself, its block, its month and its year, with their levels.</summary>
    public static (short Level, LocalDate Period)[] RollUps(LocalDate day) =>
        [(Day, day), (Block, BlockOf(day)), (Month, MonthOf(day)), (Year, YearOf(day))];
}
