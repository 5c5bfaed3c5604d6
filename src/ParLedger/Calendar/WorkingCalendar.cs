using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ParLedger.Calendar;

/// <summary>
/// The working calendar of Vietnamese public bodies: Monday to Friday, minus public holidays (Labour Code 2019
/// Art. 112: 1/1; five Tết days; Hùng Kings' day 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day), plus the yearly
/// official schedule (compensatory days off, swapped days, Saturdays worked). Official schedules are data; for a year
/// without one the holidays are computed: Tết is the last day of the lunar year and the first four days of the new one,
/// 2/9 is followed by 3/9, and a holiday on a Saturday or Sunday gives the next working day off (Art. 111).
/// Immutable and thread-safe.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly Lazy<WorkingCalendar> DefaultCalendar = new(() => new WorkingCalendar(LoadEmbeddedSchedules()));
    private readonly ImmutableDictionary<int, YearSchedule> _schedules;
    private readonly ConcurrentDictionary<int, YearDays> _years = new();

    /// <summary>Creates a calendar from official schedules (years without one are computed).</summary>
    /// <param name="schedules">The official schedules; a later one for the same year wins.</param>
    public WorkingCalendar(IEnumerable<YearSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var builder = ImmutableDictionary.CreateBuilder<int, YearSchedule>();
        foreach (var schedule in schedules)
        {
            builder[schedule.Year] = schedule;
        }

        _schedules = builder.ToImmutable();
    }

    /// <summary>The calendar with the official schedules shipped with ParLedger (see <see cref="OfficialYears"/>).</summary>
    public static WorkingCalendar Default => DefaultCalendar.Value;

    /// <summary>The years this calendar has an official schedule for.</summary>
    public IReadOnlyList<int> OfficialYears => [.. _schedules.Keys.Order()];

    /// <summary>
    /// Whether a year has an official schedule (shipped or added); a year without one rests on the computed fallback
    /// (Labour Code 2019 Art. 111–112 and the lunar calendar), which can miss the Government's compensatory and swapped days.
    /// </summary>
    /// <param name="year">The year.</param>
    /// <returns><see langword="true"/> when the year's days off are official.</returns>
    public bool HasOfficialSchedule(int year) => _schedules.ContainsKey(year);

    /// <summary>
    /// The years from <paramref name="from"/>'s to <paramref name="to"/>'s (both included, in either order) that have no
    /// official schedule: those where a computation over these dates rests on the computed fallback.
    /// </summary>
    /// <param name="from">One end of the span, e.g. a receipt's date.</param>
    /// <param name="to">The other end, e.g. the due's date.</param>
    /// <returns>The years, ascending; empty when every year of the span is official.</returns>
    public IReadOnlyList<int> YearsWithoutOfficialSchedule(LocalDate from, LocalDate to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        return [.. Enumerable.Range(first, last - first + 1).Where(y => !HasOfficialSchedule(y))];
    }

    /// <summary>A calendar with these schedules added, replacing those of the same years.</summary>
    /// <param name="schedules">The user's schedules.</param>
    /// <returns>The new calendar.</returns>
    public WorkingCalendar WithSchedules(IEnumerable<YearSchedule> schedules) => new(_schedules.Values.Concat(schedules));

    /// <summary>Reads schedules from JSON: one object or an array of objects <c>{"year", "sources", "days_off": [{"date", "name"}], "working_saturdays": []}</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name for error messages.</param>
    /// <returns>The schedules.</returns>
    /// <exception cref="FormatException">The JSON is not a schedule, naming the file and the field.</exception>
    public static IReadOnlyList<YearSchedule> ParseSchedules(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Array
            ? root.EnumerateArray().Select(e => ParseSchedule(e, source)).ToList()
            : [ParseSchedule(root, source)];
    }

    /// <summary>Whether a date is a working day.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> for a working day.</returns>
    public bool IsWorkingDay(LocalDate date) => DaysOf(date.Year).IsWorkingDay(date);

    /// <summary>The days off of a year: every Monday–Friday that is not a working day, and every public holiday whatever its weekday.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The days off in date order (a read-only view: the calendar's own data cannot be changed through it).</returns>
    public IReadOnlyList<DayOff> DaysOff(int year) => DaysOf(year).DaysOff;

    /// <summary>The Saturdays worked in a year.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The dates, ascending (a read-only view).</returns>
    public IReadOnlyList<LocalDate> WorkingSaturdays(int year) => DaysOf(year).WorkingSaturdays;

    /// <summary>The sources of a year's schedule (empty for a computed year).</summary>
    /// <param name="year">The year.</param>
    /// <returns>The sources.</returns>
    public IReadOnlyList<string> SourcesOf(int year) => _schedules.TryGetValue(year, out var s) ? s.Sources : [];

    /// <summary>The first working day strictly after a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The next working day.</returns>
    public LocalDate NextWorkingDay(LocalDate date)
    {
        var next = date.PlusDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.PlusDays(1);
        }

        return next;
    }

    /// <summary>The <paramref name="days"/>-th working day after a date (not counting the date itself).</summary>
    /// <param name="date">The date.</param>
    /// <param name="days">How many working days, at least 1.</param>
    /// <returns>The date.</returns>
    public LocalDate AddWorkingDays(LocalDate date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var result = date;
        for (var i = 0; i < days; i++)
        {
            result = NextWorkingDay(result);
        }

        return result;
    }

    /// <summary>The number of working days in <c>(from, to]</c>: after <paramref name="from"/>, up to and including <paramref name="to"/>.</summary>
    /// <param name="from">The exclusive start.</param>
    /// <param name="to">The inclusive end.</param>
    /// <returns>The count (0 when <paramref name="to"/> is not after <paramref name="from"/>).</returns>
    public int CountWorkingDays(LocalDate from, LocalDate to)
    {
        var count = 0;
        for (var d = from.PlusDays(1); d <= to; d = d.PlusDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private YearDays DaysOf(int year) => _years.GetOrAdd(year, y => _schedules.TryGetValue(y, out var schedule) ? YearDays.Official(schedule) : YearDays.Computed(y));

    private static YearSchedule ParseSchedule(JsonElement e, string source)
    {
        FormatException Bad(string what) => new($"{source}: {what}");
        LocalDate Date(JsonElement d, string where) =>
            d.ValueKind == JsonValueKind.String && DatePattern.Parse(d.GetString()!) is { Success: true } r ? r.Value : throw Bad($"{where} is not a date yyyy-MM-dd.");

        if (!e.TryGetProperty("year", out var y) || !y.TryGetInt32(out var year))
        {
            throw Bad("a schedule needs an integer 'year'.");
        }

        var daysOff = e.TryGetProperty("days_off", out var off)
            ? off.EnumerateArray().Select((d, i) => new DayOff(
                Date(d.GetProperty("date"), $"days_off[{i}].date"),
                d.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty,
                DayOffSource.Official)).ToImmutableArray()
            : throw Bad($"the schedule of {year} needs 'days_off'.");
        var saturdays = e.TryGetProperty("working_saturdays", out var sat)
            ? sat.EnumerateArray().Select((d, i) => Date(d, $"working_saturdays[{i}]")).ToImmutableArray()
            : [];
        var sources = e.TryGetProperty("sources", out var src) ? src.EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToImmutableArray() : [];
        foreach (var day in daysOff.Where(d => d.Date.Year != year).Take(1))
        {
            throw Bad($"the schedule of {year} lists {day.Date:yyyy-MM-dd}, which is in another year.");
        }

        foreach (var saturday in saturdays.Where(d => d.DayOfWeek != IsoDayOfWeek.Saturday).Take(1))
        {
            throw Bad($"working_saturdays lists {saturday:yyyy-MM-dd}, which is not a Saturday.");
        }

        return new YearSchedule(year, daysOff, saturdays, sources);
    }

    private static List<YearSchedule> LoadEmbeddedSchedules()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        var schedules = new List<YearSchedule>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ParLedger.Calendar.Schedules.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            schedules.AddRange(ParseSchedules(reader.ReadToEnd(), name));
        }

        return schedules;
    }

    private sealed class YearDays
    {
        private readonly HashSet<LocalDate> _off;
        private readonly HashSet<LocalDate> _saturdays;

        private YearDays(IEnumerable<DayOff> daysOff, IEnumerable<LocalDate> saturdays)
        {
            DaysOff = [.. daysOff.OrderBy(d => d.Date)];
            WorkingSaturdays = [.. saturdays.Order()];
            _off = [.. DaysOff.Select(d => d.Date)];
            _saturdays = [.. WorkingSaturdays];
        }

        public ImmutableArray<DayOff> DaysOff { get; }

        public ImmutableArray<LocalDate> WorkingSaturdays { get; }

        public bool IsWorkingDay(LocalDate date) =>
            !_off.Contains(date) && (date.DayOfWeek < IsoDayOfWeek.Saturday || _saturdays.Contains(date));

        public static YearDays Official(YearSchedule schedule) => new(schedule.DaysOff, schedule.WorkingSaturdays);

        public static YearDays Computed(int year)
        {
            var tet = LunarCalendar.NewYear(year);
            var holidays = new List<(LocalDate Date, string Name)>
            {
                (new LocalDate(year, 1, 1), "Tết Dương lịch"),
                (tet.PlusDays(-1), "Tết Nguyên đán"),
                (tet, "Tết Nguyên đán"),
                (tet.PlusDays(1), "Tết Nguyên đán"),
                (tet.PlusDays(2), "Tết Nguyên đán"),
                (tet.PlusDays(3), "Tết Nguyên đán"),
                (LunarCalendar.ToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương"),
                (new LocalDate(year, 4, 30), "Ngày Chiến thắng"),
                (new LocalDate(year, 5, 1), "Ngày Quốc tế Lao động"),
                (new LocalDate(year, 9, 2), "Quốc khánh"),
                (new LocalDate(year, 9, 3), "Quốc khánh"),
            };
            holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
            var taken = holidays.Select(h => h.Date).ToHashSet();
            var days = holidays.Select(h => new DayOff(h.Date, h.Name, DayOffSource.Computed)).ToList();
            foreach (var (date, name) in holidays.Where(h => h.Date.DayOfWeek >= IsoDayOfWeek.Saturday))
            {
                var compensation = date.PlusDays(1);
                while (compensation.DayOfWeek >= IsoDayOfWeek.Saturday || taken.Contains(compensation))
                {
                    compensation = compensation.PlusDays(1);
                }

                taken.Add(compensation);
                days.Add(new DayOff(compensation, $"Nghỉ bù ({name})", DayOffSource.Computed));
            }

            return new YearDays(days, []);
        }
    }
}
