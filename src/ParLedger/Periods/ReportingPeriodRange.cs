namespace ParLedger.Periods;

/// <summary>
/// An inclusive range of named reporting periods of one kind (<i>các kỳ báo cáo liên tiếp</i>), text form
/// <c>FIRST..LAST</c>: <c>2022-M01..2022-M12</c>, <c>2021-Q1..2022-Q4</c>, <c>2020-H1..2022-H2</c>,
/// <c>2021-9M..2022-9M</c>, <c>2019..2022</c>. Both ends are <b>inclusive</b>: the range holds <see cref="First"/>,
/// every period of the same kind after it, and <see cref="Last"/>; <c>2022-M03..2022-M03</c> is one period. The
/// periods are consecutive, each the <see cref="ReportingPeriod.Next"/> of the one before. Their windows tile the dates
/// from the first window's <see cref="ReportingWindow.From"/> to the last window's <see cref="ReportingWindow.To"/>
/// without gap or overlap for months, quarters, halves and years; nine-month windows (15/12 to 14/9) overlap nothing
/// and leave the 15/9–14/12 of each year out.
/// </summary>
public readonly record struct ReportingPeriodRange
{
    private const string Separator = "..";

    private const string Forms = "expected FIRST..LAST, two periods of one kind with FIRST not after LAST, e.g. 2022-M01..2022-M12, 2021-Q1..2022-Q4, 2020-H1..2022-H2, 2021-9M..2022-9M or 2019..2022";

    /// <summary>Creates the range of the periods from <paramref name="first"/> to <paramref name="last"/>, both inclusive.</summary>
    /// <param name="first">The first period of the range (inclusive).</param>
    /// <param name="last">The last period of the range (inclusive), of the same kind as <paramref name="first"/>.</param>
    /// <exception cref="ArgumentException">The two periods are of different kinds, or <paramref name="first"/> comes after <paramref name="last"/>.</exception>
    public ReportingPeriodRange(ReportingPeriod first, ReportingPeriod last)
    {
        if (first.Kind != last.Kind)
        {
            throw new ArgumentException($"The ends of a range of periods must be of one kind: {first} is {KindName(first.Kind)}, {last} {KindName(last.Kind)}.", nameof(last));
        }

        if (first.Ordinal > last.Ordinal)
        {
            throw new ArgumentException($"The first period of a range ({first}) must not be after its last ({last}).", nameof(first));
        }

        First = first;
        Last = last;
    }

    /// <summary>The first period of the range (inclusive).</summary>
    public ReportingPeriod First { get; }

    /// <summary>The last period of the range (inclusive).</summary>
    public ReportingPeriod Last { get; }

    /// <summary>The kind of every period of the range.</summary>
    public PeriodKind Kind => First.Kind;

    /// <summary>How many periods the range holds, both ends included (at least one).</summary>
    public int Count => Last.Ordinal - First.Ordinal + 1;

    /// <summary>The periods of the range in order, from <see cref="First"/> to <see cref="Last"/> inclusive.</summary>
    public IEnumerable<ReportingPeriod> Periods
    {
        get
        {
            var (first, last) = (First, Last);
            return Enumerate();

            IEnumerable<ReportingPeriod> Enumerate()
            {
                for (var period = first; ; period = period.Next())
                {
                    yield return period;
                    if (period == last)
                    {
                        yield break;
                    }
                }
            }
        }
    }

    /// <summary>Parses the text form <c>FIRST..LAST</c>, each end in the text form of SPEC §1, exactly as written there.</summary>
    /// <param name="text">The text, e.g. <c>2022-M01..2022-M12</c>.</param>
    /// <returns>The range.</returns>
    /// <exception cref="FormatException">
    /// The text is not two periods joined by <c>..</c>, an end is not a period, the ends are of different kinds, or the
    /// first comes after the last. The message starts with the text in quotes, then a colon and the problem.
    /// </exception>
    public static ReportingPeriodRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(Separator);
        if (parts.Length != 2)
        {
            throw new FormatException($"'{text}': not a range of reporting periods: {Forms}.");
        }

        ReportingPeriod first, last;
        try
        {
            (first, last) = (ReportingPeriod.Parse(parts[0]), ReportingPeriod.Parse(parts[1]));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"'{text}': {ex.Message}", ex);
        }

        try
        {
            return new ReportingPeriodRange(first, last);
        }
        catch (ArgumentException ex)
        {
            var reason = ex.Message.Split(" (Parameter", 2)[0];
            throw new FormatException($"'{text}': {char.ToLowerInvariant(reason[0])}{reason[1..]}", ex);
        }
    }

    /// <summary>Tries to parse the text form <c>FIRST..LAST</c> (see <see cref="Parse"/>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="range">The range, when the text is valid.</param>
    /// <returns>Whether the text was a valid range.</returns>
    public static bool TryParse(string? text, out ReportingPeriodRange range)
    {
        range = default;
        if (text?.Split(Separator) is not [var firstText, var lastText]
            || !ReportingPeriod.TryParse(firstText, out var first)
            || !ReportingPeriod.TryParse(lastText, out var last)
            || first.Kind != last.Kind
            || first.Ordinal > last.Ordinal)
        {
            return false;
        }

        range = new ReportingPeriodRange(first, last);
        return true;
    }

    /// <summary>The text form: <c>FIRST..LAST</c>, e.g. <c>2022-M01..2022-M12</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{First}{Separator}{Last}";

    private static string KindName(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "a month",
        PeriodKind.Quarter => "a quarter",
        PeriodKind.HalfYear => "a half year",
        PeriodKind.NineMonths => "a nine-month period",
        _ => "a year",
    };
}
