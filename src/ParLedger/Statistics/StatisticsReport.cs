using System.Collections.Immutable;
using NodaTime;
using ParLedger.Periods;

namespace ParLedger.Statistics;

/// <summary>
/// A period statistics report (<i>Biểu số 06/VPCP/KSTT</i>) for one window: totals and, with a breakdown, one row
/// per key with at least one non-zero cell, ordered ordinally by key. The identity
/// <c>received_total = resolved_total + withdrawn + pending_total</c> holds on every row. Two reports are equal when
/// their window, as-of instant, policies, totals and rows (in order) are.
/// </summary>
/// <param name="Window">The window.</param>
/// <param name="AsOf">The recording instant the report is known at, or <see langword="null"/> for all events.</param>
/// <param name="Policy">The policies used.</param>
/// <param name="Total">The totals.</param>
/// <param name="Rows">The breakdown rows (empty without a breakdown).</param>
public sealed record StatisticsReport(
    ReportingWindow Window,
    Instant? AsOf,
    ReportPolicy Policy,
    StatisticsCells Total,
    ImmutableArray<ReportRow> Rows)
{
    /// <summary>Whether two reports have the same window, as-of instant, policies, totals and rows (in order).</summary>
    /// <param name="other">The other report.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(StatisticsReport? other) =>
        other is not null
        && Window == other.Window
        && AsOf == other.AsOf
        && Policy == other.Policy
        && Total == other.Total
        && Rows.AsSpan().SequenceEqual(other.Rows.AsSpan());

    /// <summary>A hash code over the same contents as <see cref="Equals(StatisticsReport?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Window);
        hash.Add(AsOf);
        hash.Add(Policy);
        hash.Add(Total);
        foreach (var row in Rows.AsSpan())
        {
            hash.Add(row);
        }

        return hash.ToHashCode();
    }
}
