using System.Collections.Immutable;
using NodaTime;

namespace ParLedger.Deadlines;

/// <summary>
/// The office hours of a working day (<i>giờ hành chính</i>): ordered, non-overlapping periods, each
/// <c>[Start, End)</c> — start inclusive, end exclusive. Default 07:30–11:30 and 13:30–17:00.
/// </summary>
public sealed record OfficeHours
{
    /// <summary>Creates office hours from periods.</summary>
    /// <param name="periods">The periods in order, each start before its end, none overlapping.</param>
    /// <exception cref="ArgumentException">The periods are empty, unordered or overlapping.</exception>
    public OfficeHours(IEnumerable<(LocalTime Start, LocalTime End)> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        Periods = [.. periods];
        if (Periods.IsEmpty)
        {
            throw new ArgumentException("Office hours need at least one period.", nameof(periods));
        }

        for (var i = 0; i < Periods.Length; i++)
        {
            if (Periods[i].Start >= Periods[i].End || (i > 0 && Periods[i - 1].End > Periods[i].Start))
            {
                throw new ArgumentException($"Office hours period {i + 1} ({Periods[i].Start:HH:mm}–{Periods[i].End:HH:mm}) must start before it ends and after the previous period.", nameof(periods));
            }
        }
    }

    /// <summary>07:30–11:30 and 13:30–17:00.</summary>
    public static OfficeHours Default { get; } = new([(new LocalTime(7, 30), new LocalTime(11, 30)), (new LocalTime(13, 30), new LocalTime(17, 0))]);

    /// <summary>The periods, in order.</summary>
    public ImmutableArray<(LocalTime Start, LocalTime End)> Periods { get; }

    /// <summary>The end of the working day (the last period's end): a due in working days falls at this time.</summary>
    public LocalTime Close => Periods[^1].End;

    /// <summary>Office hours are equal when their periods are, in order (value equality over the periods).</summary>
    /// <param name="other">The other office hours.</param>
    /// <returns>Whether both have the same periods.</returns>
    public bool Equals(OfficeHours? other) => other is not null && Periods.AsSpan().SequenceEqual(other.Periods.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var period in Periods)
        {
            hash.Add(period);
        }

        return hash.ToHashCode();
    }
}
