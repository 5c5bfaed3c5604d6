using System.Collections.Immutable;
using ParLedger.Deadlines;
using ParLedger.Statistics;

namespace ParLedger.Verdicts;

/// <summary>
/// The verdict changes of a set of dossiers summed up to the end of one day, one count per <see cref="VerdictCell"/>
/// (the prefix sum <c>C(X)</c> of docs/domain.md, "Verdicts as day intervals"). Two of them, at the day before a window
/// and at its last day, give every cell of the window's report (<see cref="Cells"/>): the only place that turns sums
/// into the cells of SPEC §4, for the in-memory index and for the store alike.
/// </summary>
public readonly record struct VerdictSums
{
    private readonly ImmutableArray<long> _counts;

    /// <summary>Creates the sums from one count per cell, in <see cref="VerdictCell"/> order.</summary>
    /// <param name="counts">The counts; exactly one per cell.</param>
    /// <exception cref="ArgumentException">The number of counts is not the number of cells.</exception>
    public VerdictSums(ReadOnlySpan<long> counts)
    {
        if (counts.Length != CellCount)
        {
            throw new ArgumentException($"Verdict sums need one count per verdict cell ({CellCount}), not {counts.Length}.", nameof(counts));
        }

        _counts = [.. counts];
    }

    /// <summary>The number of verdict cells.</summary>
    public static int CellCount { get; } = Enum.GetValues<VerdictCell>().Length;

    /// <summary>The sum of a cell's changes (0 for default sums).</summary>
    /// <param name="cell">The cell.</param>
    public long this[VerdictCell cell] => _counts.IsDefault ? 0 : _counts[(int)cell];

    /// <summary>
    /// The cells of a window's report from the sums at the end of the day before the window (<paramref name="before"/>)
    /// and at the end of its last day (<paramref name="last"/>): point cells are <c>last − before</c>, carried over is
    /// <c>Open</c> at <paramref name="before"/>, pending (and overdue, for the policy's precision) at <paramref name="last"/>;
    /// under <c>withdrawn = resolved-on-time</c> the withdrawn count is added to on time.
    /// </summary>
    /// <param name="before">The sums at the end of the day before the window's first date.</param>
    /// <param name="last">The sums at the end of the window's last date.</param>
    /// <param name="policy">The policies.</param>
    /// <returns>The window's cells.</returns>
    public static StatisticsCells Cells(VerdictSums before, VerdictSums last, ReportPolicy policy)
    {
        long Between(VerdictCell cell) => last[cell] - before[cell];
        var byDay = policy.Precision == TimelinessPrecision.Day;
        var withdrawn = Between(VerdictCell.Withdrawn);
        var separate = policy.Withdrawn == WithdrawnPolicy.Separate;
        var pending = last[VerdictCell.Open];
        var overdue = last[byDay ? VerdictCell.OverdueByDay : VerdictCell.OverdueByInstant];
        return new StatisticsCells(
            CarriedOver: before[VerdictCell.Open],
            ReceivedOnline: Between(VerdictCell.ReceivedOnline),
            ReceivedDirect: Between(VerdictCell.ReceivedDirect),
            ReceivedPostal: Between(VerdictCell.ReceivedPostal),
            ResolvedEarly: Between(byDay ? VerdictCell.EarlyByDay : VerdictCell.EarlyByInstant),
            ResolvedOnTime: Between(byDay ? VerdictCell.OnTimeByDay : VerdictCell.OnTimeByInstant) + (separate ? 0 : withdrawn),
            ResolvedLate: Between(byDay ? VerdictCell.LateByDay : VerdictCell.LateByInstant),
            Withdrawn: separate ? withdrawn : 0,
            PendingWithin: pending - overdue,
            PendingOverdue: overdue);
    }

    /// <inheritdoc />
    public bool Equals(VerdictSums other)
    {
        for (var i = 0; i < CellCount; i++)
        {
            if (this[(VerdictCell)i] != other[(VerdictCell)i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < CellCount; i++)
        {
            hash.Add(this[(VerdictCell)i]);
        }

        return hash.ToHashCode();
    }
}
