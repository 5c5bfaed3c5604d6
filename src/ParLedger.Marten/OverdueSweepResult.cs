using System.Collections.Immutable;
using NodaTime;
using ParLedger.Codes;

namespace ParLedger.Marten;

/// <summary>
/// What one overdue sweep (<c>sweep-overdue</c>, SPEC §8) did: the sweep instant and how many dossiers it marked with an
/// <c>overdue</c> event (<i>phiếu xin lỗi và hẹn lại</i>), by responsible agency. Immutable; two results are equal when
/// their instants and counts are.
/// </summary>
public sealed record OverdueSweepResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="now">The sweep instant <c>T</c>.</param>
    /// <param name="markedByAgency">The dossiers marked, by the agency named <c>responsible</c>; agencies with none are left out.</param>
    public OverdueSweepResult(Instant now, IEnumerable<KeyValuePair<AgencyCode, int>> markedByAgency)
    {
        ArgumentNullException.ThrowIfNull(markedByAgency);
        Now = now;
        MarkedByAgency = markedByAgency.Where(p => p.Value != 0).ToImmutableSortedDictionary();
    }

    /// <summary>The sweep instant <c>T</c>: the <c>at</c> and <c>recorded</c> of every event the sweep appended.</summary>
    public Instant Now { get; }

    /// <summary>The dossiers marked, by responsible agency (the agency holding the dossier at <see cref="Now"/>), in code order.</summary>
    public ImmutableSortedDictionary<AgencyCode, int> MarkedByAgency { get; }

    /// <summary>The dossiers marked in all.</summary>
    public int Marked => MarkedByAgency.Values.Sum();

    /// <summary>Whether two results have the same instant and the same counts.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(OverdueSweepResult? other) =>
        other is not null && Now == other.Now && MarkedByAgency.SequenceEqual(other.MarkedByAgency);

    /// <summary>A hash code over the same contents as <see cref="Equals(OverdueSweepResult?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Now);
        foreach (var (agency, count) in MarkedByAgency)
        {
            hash.Add(agency);
            hash.Add(count);
        }

        return hash.ToHashCode();
    }
}
