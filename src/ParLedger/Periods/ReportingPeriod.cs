using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ParLedger.Periods;

/// <summary>
/// A named reporting period (SPEC §1) in its text form: <c>2022-M06</c>, <c>2022-Q1</c>, <c>2022-H1</c>,
/// <c>2022-9M</c> or <c>2022</c>. Each maps to a <see cref="ReportingWindow"/> whose dates are both inclusive,
/// running from the 15th of a month to the 14th: month M is 15/(M−1)..14/M (January: 15/12 of the previous year).
/// </summary>
public readonly partial record struct ReportingPeriod
{
    private ReportingPeriod(int year, PeriodKind kind, int number)
    {
        Year = year;
        Kind = kind;
        Number = number;
    }

    /// <summary>The earliest year a period may belong to: 1901, whose periods start on 15/12/1900 at the earliest (<see cref="ReportingWindow.EarliestDate"/>).</summary>
    public const int MinYear = 1901;

    /// <summary>The latest year a period may belong to: 2199 (<see cref="ReportingWindow.LatestDate"/>).</summary>
    public const int MaxYear = 2199;

    /// <summary>The year the period belongs to (its window ends in this year).</summary>
    public int Year { get; }

    /// <summary>The kind of period.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The month (1–12), quarter (1–4) or half (1–2); 0 for nine months and year.</summary>
    public int Number { get; }

    /// <summary>Month <paramref name="month"/> of <paramref name="year"/>.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <returns>The period.</returns>
    public static ReportingPeriod Month(int year, int month) => Create(year, PeriodKind.Month, month, 12);

    /// <summary>Quarter <paramref name="quarter"/> of <paramref name="year"/>.</summary>
    /// <param name="year">The year.</param>
    /// <param name="quarter">The quarter, 1–4.</param>
    /// <returns>The period.</returns>
    public static ReportingPeriod Quarter(int year, int quarter) => Create(year, PeriodKind.Quarter, quarter, 4);

    /// <summary>Half <paramref name="half"/> of <paramref name="year"/>.</summary>
    /// <param name="year">The year.</param>
    /// <param name="half">The half, 1 or 2.</param>
    /// <returns>The period.</returns>
    public static ReportingPeriod HalfYear(int year, int half) => Create(year, PeriodKind.HalfYear, half, 2);

    /// <summary>The first nine months of <paramref name="year"/>.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The period.</returns>
    public static ReportingPeriod NineMonths(int year) => Create(year, PeriodKind.NineMonths, 0, 0);

    /// <summary>The reporting year <paramref name="year"/>.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The period.</returns>
    public static ReportingPeriod WholeYear(int year) => Create(year, PeriodKind.Year, 0, 0);

    /// <summary>Parses the text form of SPEC §1, exactly as written there.</summary>
    /// <param name="text">The text, e.g. <c>2022-H1</c>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="FormatException">The text is not one of the forms <c>YYYY-Mmm</c>, <c>YYYY-Qn</c>, <c>YYYY-Hn</c>, <c>YYYY-9M</c>, <c>YYYY</c> with a year from <see cref="MinYear"/> to <see cref="MaxYear"/>.</exception>
    public static ReportingPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a reporting period: expected YYYY-Mmm (2022-M06), YYYY-Qn (2022-Q1), YYYY-Hn (2022-H1), YYYY-9M (2022-9M) or YYYY (2022), years {MinYear}–{MaxYear}.");
    }

    /// <summary>Tries to parse the text form of SPEC §1.</summary>
    /// <param name="text">The text.</param>
    /// <param name="period">The period, when the text is valid.</param>
    /// <returns>Whether the text was a valid period.</returns>
    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < MinYear || year > MaxYear)
        {
            return false;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }

            period = Month(year, month);
        }
        else if (match.Groups["quarter"].Success)
        {
            period = Quarter(year, match.Groups["quarter"].Value[0] - '0');
        }
        else if (match.Groups["half"].Success)
        {
            period = HalfYear(year, match.Groups["half"].Value[0] - '0');
        }
        else if (match.Groups["nine"].Success)
        {
            period = NineMonths(year);
        }
        else
        {
            period = WholeYear(year);
        }

        return true;
    }

    /// <summary>
    /// The period of the same kind that follows this one: <c>2022-M12</c> → <c>2023-M01</c>, <c>2022-Q4</c> →
    /// <c>2023-Q1</c>, <c>2022-H1</c> → <c>2022-H2</c>, <c>2022-9M</c> → <c>2023-9M</c>, <c>2022</c> → <c>2023</c>.
    /// </summary>
    /// <returns>The successor.</returns>
    /// <exception cref="InvalidOperationException">The period is the last of its kind in <see cref="MaxYear"/>.</exception>
    public ReportingPeriod Next() => Math.Max(Number, 1) < PerYear(Kind)
        ? new ReportingPeriod(Year, Kind, Number + 1)
        : Year < MaxYear
            ? new ReportingPeriod(Year + 1, Kind, PerYear(Kind) == 1 ? 0 : 1)
            : throw new InvalidOperationException($"{this} has no successor: the latest year a period may belong to is {MaxYear}.");

    /// <summary>How many periods of <paramref name="kind"/> a year has: 12, 4, 2, or 1 (nine months, year).</summary>
    internal static int PerYear(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => 12,
        PeriodKind.Quarter => 4,
        PeriodKind.HalfYear => 2,
        _ => 1,
    };

    /// <summary>The position of the period among those of its kind, counted from year 0: consecutive periods differ by one.</summary>
    internal int Ordinal => (Year * PerYear(Kind)) + Math.Max(Number, 1) - 1;

    /// <summary>The window of the period: dates both inclusive, from the 15th to the 14th.</summary>
    /// <returns>The window.</returns>
    public ReportingWindow ToWindow()
    {
        var yearStart = new LocalDate(Year - 1, 12, 15);
        return Kind switch
        {
            PeriodKind.Month => new ReportingWindow(new LocalDate(Year, Number, 15).PlusMonths(-1), new LocalDate(Year, Number, 14)),
            PeriodKind.Quarter => new ReportingWindow(new LocalDate(Year, Number * 3, 15).PlusMonths(-3), new LocalDate(Year, Number * 3, 14)),
            PeriodKind.HalfYear => new ReportingWindow(new LocalDate(Year, Number * 6, 15).PlusMonths(-6), new LocalDate(Year, Number * 6, 14)),
            PeriodKind.NineMonths => new ReportingWindow(yearStart, new LocalDate(Year, 9, 14)),
            _ => new ReportingWindow(yearStart, new LocalDate(Year, 12, 14)),
        };
    }

    /// <summary>The text form: <c>2022-M06</c>, <c>2022-Q1</c>, <c>2022-H1</c>, <c>2022-9M</c> or <c>2022</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-M{Number:00}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-Q{Number}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-H{Number}"),
        PeriodKind.NineMonths => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-9M"),
        _ => Year.ToString("0000", CultureInfo.InvariantCulture),
    };

    private static ReportingPeriod Create(int year, PeriodKind kind, int number, int max)
    {
        if (year < MinYear || year > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"A reporting period's year must be between {MinYear} and {MaxYear}, so that its window lies within the dates a reporting window accepts.");
        }

        if (max > 0 && (number < 1 || number > max))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"A {kind} number must be between 1 and {max}.");
        }

        return new ReportingPeriod(year, kind, number);
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?:-M(?<month>\d{2})|-Q(?<quarter>[1-4])|-H(?<half>[12])|-(?<nine>9M))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
