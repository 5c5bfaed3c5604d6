using System.Collections.Immutable;
using NodaTime;

namespace ParLedger.Calendar;

/// <summary>
/// The official working schedule of one year for public bodies (<i>lịch nghỉ lễ, Tết</i>): every public holiday and
/// compensatory or swapped day off, and the Saturdays worked in exchange. Data, not code: loaded from JSON, versioned
/// with the library, and overridable by the user. For a year with a schedule it replaces the computed holidays.
/// </summary>
/// <remarks>
/// A value: two schedules are equal when their years are equal and their days off, Saturdays worked and sources are
/// equal element by element, in order (as read from the file), so <c>==</c>, <see cref="object.Equals(object)"/> and
/// hashing agree on them. A default (uninitialised) array is taken as empty.
/// </remarks>
/// <param name="Year">The year.</param>
/// <param name="DaysOff">The days off (holidays on any weekday, and weekdays off).</param>
/// <param name="WorkingSaturdays">Saturdays worked in exchange for a weekday off (<i>làm bù</i>).</param>
/// <param name="Sources">The documents the schedule is established from (the Government's yearly notices).</param>
public sealed record YearSchedule(int Year, ImmutableArray<DayOff> DaysOff, ImmutableArray<LocalDate> WorkingSaturdays, ImmutableArray<string> Sources)
{
    /// <summary>The days off (holidays on any weekday, and weekdays off).</summary>
    public ImmutableArray<DayOff> DaysOff { get; init; } = DaysOff.IsDefault ? [] : DaysOff;

    /// <summary>Saturdays worked in exchange for a weekday off (<i>làm bù</i>).</summary>
    public ImmutableArray<LocalDate> WorkingSaturdays { get; init; } = WorkingSaturdays.IsDefault ? [] : WorkingSaturdays;

    /// <summary>The documents the schedule is established from (the Government's yearly notices).</summary>
    public ImmutableArray<string> Sources { get; init; } = Sources.IsDefault ? [] : Sources;

    /// <summary>Whether two schedules have the same year, days off, Saturdays worked and sources, element by element.</summary>
    /// <param name="other">The other schedule.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(YearSchedule? other) =>
        other is not null
        && Year == other.Year
        && DaysOff.SequenceEqual(other.DaysOff)
        && WorkingSaturdays.SequenceEqual(other.WorkingSaturdays)
        && Sources.SequenceEqual(other.Sources, StringComparer.Ordinal);

    /// <summary>A hash over the year and every element of the sequences.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Year);
        foreach (var day in DaysOff)
        {
            hash.Add(day);
        }

        foreach (var saturday in WorkingSaturdays)
        {
            hash.Add(saturday);
        }

        foreach (var source in Sources)
        {
            hash.Add(source, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
