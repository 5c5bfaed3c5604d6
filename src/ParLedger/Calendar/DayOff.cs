using NodaTime;

namespace ParLedger.Calendar;

/// <summary>A day that is not a working day although it may fall on a weekday, or a public holiday on any day.</summary>
/// <param name="Date">The date.</param>
/// <param name="Name">Its name, e.g. <c>Tết Nguyên đán</c>, <c>Nghỉ bù</c> (compensatory day off).</param>
/// <param name="Source">Official schedule or computed.</param>
public sealed record DayOff(LocalDate Date, string Name, DayOffSource Source);
