using NodaTime;

namespace ParLedger;

/// <summary>
/// Local time in Vietnam (<c>Asia/Ho_Chi_Minh</c>): UTC+07:00 with no daylight saving, as SPEC §1 fixes.
/// The fixed offset equals the zone's offset for every instant since 1975.
/// </summary>
public static class VietnamTime
{
    /// <summary>The offset of Vietnam's local time: +07:00.</summary>
    public static Offset Offset { get; } = Offset.FromHours(7);

    /// <summary>The zone used for local dates: a fixed +07:00 zone with the id <c>Asia/Ho_Chi_Minh</c>'s offset.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZone.ForOffset(Offset.FromHours(7));

    /// <summary>The local calendar date of an instant (<c>date(x)</c> in SPEC §3); a due at 00:00 belongs to its own date.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The date in Vietnam at that instant.</returns>
    public static LocalDate DateOf(Instant instant) => instant.WithOffset(Offset).Date;

    /// <summary>The instant at which a local date starts (00:00 local time).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The first instant of <paramref name="date"/> in Vietnam.</returns>
    public static Instant StartOf(LocalDate date) => date.AtMidnight().WithOffset(Offset).ToInstant();

    /// <summary>The instant of a local date and time in Vietnam.</summary>
    /// <param name="dateTime">The local date and time.</param>
    /// <returns>The instant.</returns>
    public static Instant ToInstant(LocalDateTime dateTime) => dateTime.WithOffset(Offset).ToInstant();
}
