using System.Collections.Immutable;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// The audit of a published table (<i>kiểm tra biểu đã công bố</i>) against the report rebuilt from the history for the
/// same window, breakdown and policies: the published cells that differ, the cells it does not publish (not compared), the
/// rows on one side only, and the published table's own checks (SPEC §4), which warn and never fail. A published row the
/// rebuilt report has no row for is compared with zeros (a report leaves out rows whose cells are all 0); a rebuilt row
/// the table leaves out is listed, not compared. Two comparisons are equal when all five lists are (in order).
/// </summary>
/// <param name="Differences">The published cells whose count is not the rebuilt one: rows in published order, the totals row last; cells in <see cref="PublishedCell"/> order.</param>
/// <param name="NotPublished">The template columns (<see cref="PublishedCells.TemplateColumns"/>) a published row, or the totals row, leaves out; same order.</param>
/// <param name="RowsOnlyPublished">The keys of published rows the rebuilt report has no row for (no dossier of that key counts in the window), in published order.</param>
/// <param name="RowsOnlyRebuilt">The keys of rebuilt rows the table does not publish, ordered ordinally.</param>
/// <param name="Warnings">Where the published table does not close on itself: each row's sums of parts and identity (rows in order, the totals row last), then the totals against the rows.</param>
public sealed record ReportComparison(
    ImmutableArray<CellDifference> Differences,
    ImmutableArray<CellPosition> NotPublished,
    ImmutableArray<string> RowsOnlyPublished,
    ImmutableArray<string> RowsOnlyRebuilt,
    ImmutableArray<PublishedWarning> Warnings)
{
    private static readonly (PublishedCell Total, PublishedCell[] Parts)[] Sums =
    [
        (PublishedCell.ReceivedDirectPostal, [PublishedCell.ReceivedDirect, PublishedCell.ReceivedPostal]),
        (PublishedCell.ReceivedTotal, [PublishedCell.CarriedOver, PublishedCell.ReceivedOnline, PublishedCell.ReceivedDirectPostal]),
        (PublishedCell.ResolvedEarlyOnTime, [PublishedCell.ResolvedEarly, PublishedCell.ResolvedOnTime]),
        (PublishedCell.ResolvedTotal, [PublishedCell.ResolvedEarlyOnTime, PublishedCell.ResolvedLate]),
        (PublishedCell.PendingTotal, [PublishedCell.PendingWithin, PublishedCell.PendingOverdue]),
    ];

    /// <summary>Whether every published cell matches its rebuilt count (<i>khớp</i>): no <see cref="Differences"/>; warnings do not count.</summary>
    public bool Matches => Differences.IsEmpty;

    /// <summary>Compares a published table with the report rebuilt for the same window, breakdown and policies.</summary>
    /// <param name="published">The published table.</param>
    /// <param name="rebuilt">The rebuilt report.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The published rows are of another breakdown than the rebuilt ones.</exception>
    public static ReportComparison Compare(PublishedReport published, StatisticsReport rebuilt)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(rebuilt);
        if (published.By is { } by && rebuilt.Rows.FirstOrDefault() is { } first && first.By != by)
        {
            throw new ArgumentException($"The published rows are by {Text.Of(by)}, the rebuilt ones by {Text.Of(first.By)}.", nameof(published));
        }

        var rebuiltRows = rebuilt.Rows.ToDictionary(r => r.Key, r => r.Cells, StringComparer.Ordinal);
        var differences = ImmutableArray.CreateBuilder<CellDifference>();
        var notPublished = ImmutableArray.CreateBuilder<CellPosition>();
        var onlyPublished = ImmutableArray.CreateBuilder<string>();
        var warnings = ImmutableArray.CreateBuilder<PublishedWarning>();
        var publishedKeys = new HashSet<string>(StringComparer.Ordinal);

        void CompareRow(string? key, PublishedCells stated, StatisticsCells cells)
        {
            foreach (var cell in PublishedCells.All)
            {
                if (stated[cell] is { } count)
                {
                    var value = PublishedCells.ValueIn(cell, cells);
                    if (count != value)
                    {
                        differences.Add(new CellDifference(key, cell, count, value));
                    }
                }
                else if (PublishedCells.TemplateColumns.Contains(cell))
                {
                    notPublished.Add(new CellPosition(key, cell));
                }
            }

            CheckRow(key, stated, warnings);
        }

        foreach (var row in published.Rows)
        {
            publishedKeys.Add(row.Key);
            if (!rebuiltRows.TryGetValue(row.Key, out var cells))
            {
                onlyPublished.Add(row.Key);
            }

            CompareRow(row.Key, row.Cells, cells);
        }

        CompareRow(null, published.Total, rebuilt.Total);
        if (!published.Rows.IsEmpty)
        {
            foreach (var cell in PublishedCells.All)
            {
                if (published.Total[cell] is { } total && published.Rows.All(r => r.Cells[cell] is not null))
                {
                    var sum = published.Rows.Sum(r => r.Cells[cell]!.Value);
                    if (sum != total)
                    {
                        warnings.Add(new PublishedWarning(PublishedCheck.SumOfRows, null, cell, total, sum));
                    }
                }
            }
        }

        return new ReportComparison(
            differences.ToImmutable(),
            notPublished.ToImmutable(),
            onlyPublished.ToImmutable(),
            [.. rebuilt.Rows.Select(r => r.Key).Where(k => !publishedKeys.Contains(k)).Order(StringComparer.Ordinal)],
            warnings.ToImmutable());
    }

    /// <summary>Whether two comparisons hold the same lists (in order).</summary>
    /// <param name="other">The other comparison.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ReportComparison? other) =>
        other is not null
        && Differences.AsSpan().SequenceEqual(other.Differences.AsSpan())
        && NotPublished.AsSpan().SequenceEqual(other.NotPublished.AsSpan())
        && RowsOnlyPublished.AsSpan().SequenceEqual(other.RowsOnlyPublished.AsSpan())
        && RowsOnlyRebuilt.AsSpan().SequenceEqual(other.RowsOnlyRebuilt.AsSpan())
        && Warnings.AsSpan().SequenceEqual(other.Warnings.AsSpan());

    /// <summary>A hash code over the same contents as <see cref="Equals(ReportComparison?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Differences.Length);
        foreach (var d in Differences.AsSpan())
        {
            hash.Add(d);
        }

        hash.Add(NotPublished.Length);
        hash.Add(RowsOnlyPublished.Length);
        hash.Add(RowsOnlyRebuilt.Length);
        foreach (var w in Warnings.AsSpan())
        {
            hash.Add(w);
        }

        return hash.ToHashCode();
    }

    /// <summary>The published row's own checks: each stated total against its stated parts, then the identity.</summary>
    private static void CheckRow(string? key, PublishedCells stated, ImmutableArray<PublishedWarning>.Builder warnings)
    {
        // A cell's value for the checks: as stated, or else the sum of its parts when they are all known.
        long? Known(PublishedCell cell)
        {
            if (stated[cell] is { } count)
            {
                return count;
            }

            return Sums.FirstOrDefault(s => s.Total == cell) is { Parts: { } parts } ? SumOf(parts) : null;
        }

        long? SumOf(PublishedCell[] parts)
        {
            long sum = 0;
            foreach (var part in parts)
            {
                if (Known(part) is not { } value)
                {
                    return null;
                }

                sum += value;
            }

            return sum;
        }

        foreach (var (total, parts) in Sums)
        {
            if (stated[total] is { } count && SumOf(parts) is { } sum && sum != count)
            {
                warnings.Add(new PublishedWarning(PublishedCheck.SumOfParts, key, total, count, sum));
            }
        }

        if (Known(PublishedCell.ReceivedTotal) is { } received
            && Known(PublishedCell.ResolvedTotal) is { } resolved
            && Known(PublishedCell.PendingTotal) is { } pending)
        {
            var closing = resolved + (stated[PublishedCell.Withdrawn] ?? 0) + pending;
            if (received != closing)
            {
                warnings.Add(new PublishedWarning(PublishedCheck.Identity, key, PublishedCell.ReceivedTotal, received, closing));
            }
        }
    }
}
