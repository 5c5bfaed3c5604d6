using System.Collections.Immutable;
using NodaTime;

namespace ParLedger.Calendar;

/// <summary>
/// The official working schedule of one year for public bodies (<i>lịch nghỉ lễ, Tết</i>): every public holiday and
/// compensatory or swapped day off, and the Saturdays worked in exchange. Data, not code: loaded from JSON, versioned
/// with the library, and overridable by the user. For a year with a schedule it replaces the computed holidays.
/// </summary>
/// <param name="Year">The year.</param>
/// <param name="DaysOff">The days off (holidays on any weekday, and weekdays off).</param>
/// <param name="WorkingSaturdays">Saturdays worked in exchange for a weekday off.</param>
/// <param name="Sources">The documents the schedule is established from.</param>
public sealed record YearSchedule(int Year, ImmutableArray<DayOff> DaysOff, ImmutableArray<LocalDate> WorkingSaturdays, ImmutableArray<string> Sources);
