namespace ParLedger.Statistics;

/// <summary>
/// One row of <i>Biểu số 06/VPCP/KSTT</i> (SPEC §4): dossier counts per cell, with the totals derived.
/// Immutable; combine with <see cref="op_Addition"/>.
/// </summary>
/// <param name="CarriedOver"><c>carried_over</c> (<i>Từ kỳ trước</i>).</param>
/// <param name="ReceivedOnline"><c>received_online</c> (<i>Trực tuyến</i>).</param>
/// <param name="ReceivedDirect"><c>received_direct</c> (<i>Trực tiếp</i>).</param>
/// <param name="ReceivedPostal"><c>received_postal</c> (<i>Dịch vụ bưu chính</i>).</param>
/// <param name="ResolvedEarly"><c>resolved_early</c> (<i>Trước hạn</i>).</param>
/// <param name="ResolvedOnTime"><c>resolved_on_time</c> (<i>Đúng hạn</i>).</param>
/// <param name="ResolvedLate"><c>resolved_late</c> (<i>Quá hạn</i>).</param>
/// <param name="Withdrawn"><c>withdrawn</c> (<i>Rút hồ sơ</i>).</param>
/// <param name="PendingWithin"><c>pending_within</c> (<i>Trong hạn</i>).</param>
/// <param name="PendingOverdue"><c>pending_overdue</c> (<i>Quá hạn</i>).</param>
public readonly record struct StatisticsCells(
    long CarriedOver,
    long ReceivedOnline,
    long ReceivedDirect,
    long ReceivedPostal,
    long ResolvedEarly,
    long ResolvedOnTime,
    long ResolvedLate,
    long Withdrawn,
    long PendingWithin,
    long PendingOverdue)
{
    /// <summary><c>received_direct_postal</c> (<i>Trực tiếp, dịch vụ bưu chính</i>) = direct + postal.</summary>
    public long ReceivedDirectPostal => ReceivedDirect + ReceivedPostal;

    /// <summary><c>received_total</c> (<i>Số hồ sơ nhận giải quyết — Tổng số</i>) = carried over + online + direct/postal.</summary>
    public long ReceivedTotal => CarriedOver + ReceivedOnline + ReceivedDirectPostal;

    /// <summary><c>resolved_total</c> (<i>Số hồ sơ đã giải quyết — Tổng số</i>) = early + on time + late.</summary>
    public long ResolvedTotal => ResolvedEarly + ResolvedOnTime + ResolvedLate;

    /// <summary><c>pending_total</c> (<i>Số hồ sơ đang giải quyết — Tổng số</i>) = within + overdue.</summary>
    public long PendingTotal => PendingWithin + PendingOverdue;

    /// <summary>Whether the identity <c>received_total = resolved_total + withdrawn + pending_total</c> holds.</summary>
    public bool IdentityHolds => ReceivedTotal == ResolvedTotal + Withdrawn + PendingTotal;

    /// <summary>The value of a basic cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Its count.</returns>
    public long this[StatisticsCell cell] => cell switch
    {
        StatisticsCell.CarriedOver => CarriedOver,
        StatisticsCell.ReceivedOnline => ReceivedOnline,
        StatisticsCell.ReceivedDirect => ReceivedDirect,
        StatisticsCell.ReceivedPostal => ReceivedPostal,
        StatisticsCell.ResolvedEarly => ResolvedEarly,
        StatisticsCell.ResolvedOnTime => ResolvedOnTime,
        StatisticsCell.ResolvedLate => ResolvedLate,
        StatisticsCell.Withdrawn => Withdrawn,
        StatisticsCell.PendingWithin => PendingWithin,
        StatisticsCell.PendingOverdue => PendingOverdue,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown statistics cell."),
    };

    /// <summary>Adds two rows cell by cell.</summary>
    /// <param name="a">The first row.</param>
    /// <param name="b">The second row.</param>
    /// <returns>The sum.</returns>
    public static StatisticsCells operator +(StatisticsCells a, StatisticsCells b) => new(
        a.CarriedOver + b.CarriedOver,
        a.ReceivedOnline + b.ReceivedOnline,
        a.ReceivedDirect + b.ReceivedDirect,
        a.ReceivedPostal + b.ReceivedPostal,
        a.ResolvedEarly + b.ResolvedEarly,
        a.ResolvedOnTime + b.ResolvedOnTime,
        a.ResolvedLate + b.ResolvedLate,
        a.Withdrawn + b.Withdrawn,
        a.PendingWithin + b.PendingWithin,
        a.PendingOverdue + b.PendingOverdue);

    /// <summary>Builds a row from the ten basic counts in <see cref="StatisticsCell"/> order.</summary>
    /// <param name="counts">Ten counts.</param>
    /// <returns>The row.</returns>
    public static StatisticsCells FromArray(ReadOnlySpan<long> counts)
    {
        if (counts.Length != 10)
        {
            throw new ArgumentException($"Expected 10 counts, got {counts.Length}.", nameof(counts));
        }

        return new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8], counts[9]);
    }
}
