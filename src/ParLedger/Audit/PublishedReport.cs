using System.Collections.Immutable;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// A published <i>Biểu số 06/VPCP/KSTT</i> as read from a file (SPEC §7 JSON, or a CSV or XLSX in the template's layout,
/// possibly typed by hand): its totals row (<i>Tổng cộng</i>) and its breakdown rows, each stating some cells and leaving
/// others out. Two published reports are equal when their breakdown, totals and rows (in order) are.
/// </summary>
/// <param name="By">The breakdown of the rows, or <see langword="null"/> when the table has none or does not say.</param>
/// <param name="Total">The totals row (<see cref="PublishedCells.Empty"/> when the table has none).</param>
/// <param name="Rows">The breakdown rows, keys unique, in the published order.</param>
public sealed record PublishedReport(Breakdown? By, PublishedCells Total, ImmutableArray<PublishedRow> Rows)
{
    /// <summary>Whether two published reports have the same breakdown, totals and rows (in order).</summary>
    /// <param name="other">The other report.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(PublishedReport? other) =>
        other is not null && By == other.By && Total.Equals(other.Total) && Rows.AsSpan().SequenceEqual(other.Rows.AsSpan());

    /// <summary>A hash code over the same contents as <see cref="Equals(PublishedReport?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(By);
        hash.Add(Total);
        foreach (var row in Rows.AsSpan())
        {
            hash.Add(row);
        }

        return hash.ToHashCode();
    }

    /// <summary>A computed report in its published form: every row stating every cell of the report JSON.</summary>
    /// <param name="report">The computed report.</param>
    /// <returns>The published form.</returns>
    public static PublishedReport From(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Rows.IsEmpty ? null : report.Rows[0].By,
            PublishedCells.From(report.Total),
            [.. report.Rows.Select(r => new PublishedRow(r.Key, PublishedCells.From(r.Cells)))]);
    }
}
