using NodaTime;

namespace ParLedger.Periods;

/// <summary>
/// A reporting window <c>[from, to]</c> (<i>kỳ báo cáo</i>): two local dates, <b>both inclusive</b>.
/// It covers the instants of the half-open interval <c>[Start, End)</c>: <see cref="Start"/> is
/// <see cref="From"/> at 00:00 in Vietnam (inclusive) and <see cref="End"/> is the day after <see cref="To"/>
/// at 00:00 (exclusive). Any window with <c>From &lt;= To</c> within <see cref="EarliestDate"/> ..
/// <see cref="LatestDate"/> is valid, a single day included.
/// </summary>
public readonly record struct ReportingWindow
{
    /// <summary>Creates a window from two inclusive local dates.</summary>
    /// <param name="from">The first date of the window (inclusive).</param>
    /// <param name="to">The last date of the window (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date lies outside <see cref="EarliestDate"/> .. <see cref="LatestDate"/>.</exception>
    public ReportingWindow(LocalDate from, LocalDate to)
    {
        if (from < EarliestDate || from > LatestDate)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"A reporting window's first date ({from:yyyy-MM-dd}) must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }

        if (to < EarliestDate || to > LatestDate)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"A reporting window's last date ({to:yyyy-MM-dd}) must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }

        if (from > to)
        {
            throw new ArgumentException($"A reporting window's first date ({from:yyyy-MM-dd}) must not be after its last date ({to:yyyy-MM-dd}).", nameof(from));
        }

        From = from;
        To = to;
    }

    /// <summary>
    /// The earliest first date a window may have: 1 January 1900, as far back as the working calendar reaches (the lunar
    /// calendar of SPEC §3 is computed for 1900–2199). Dossier histories of one-stop desks start in the 2000s.
    /// </summary>
    public static LocalDate EarliestDate { get; } = new(1900, 1, 1);

    /// <summary>The latest last date a window may have: 31 December 2199, as far as the working calendar reaches.</summary>
    public static LocalDate LatestDate { get; } = new(2199, 12, 31);

    /// <summary>The first local date of the window (inclusive).</summary>
    public LocalDate From { get; }

    /// <summary>The last local date of the window (inclusive).</summary>
    public LocalDate To { get; }

    /// <summary>The first instant in the window: <see cref="From"/> at 00:00 in Vietnam (inclusive).</summary>
    public Instant Start => VietnamTime.StartOf(From);

    /// <summary>The first instant after the window: the day after <see cref="To"/> at 00:00 in Vietnam (exclusive).</summary>
    public Instant End => VietnamTime.StartOf(To.PlusDays(1));

    /// <summary>Whether an instant lies in <c>[Start, End)</c>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> if <c>Start &lt;= instant &lt; End</c>.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>The text form <c>yyyy-MM-dd..yyyy-MM-dd</c>.</summary>
    /// <returns>The window as text.</returns>
    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
