namespace ParLedger.Statistics;

/// <summary>
/// The basic cells of <i>Biểu số 06/VPCP/KSTT</i> (SPEC §4) a dossier can be counted in. The totals
/// (<c>received_direct_postal</c>, <c>received_total</c>, <c>resolved_total</c>, <c>pending_total</c>) are sums of these.
/// A dossier is counted in at most one inflow cell and at most one outcome cell of a window.
/// </summary>
public enum StatisticsCell
{
    /// <summary><c>carried_over</c> (<i>Từ kỳ trước</i>): received before the window and not finished before it.</summary>
    CarriedOver,

    /// <summary><c>received_online</c> (<i>Trực tuyến</i>).</summary>
    ReceivedOnline,

    /// <summary><c>received_direct</c> (<i>Trực tiếp</i>).</summary>
    ReceivedDirect,

    /// <summary><c>received_postal</c> (<i>Dịch vụ bưu chính</i>).</summary>
    ReceivedPostal,

    /// <summary><c>resolved_early</c> (<i>Trước hạn</i>).</summary>
    ResolvedEarly,

    /// <summary><c>resolved_on_time</c> (<i>Đúng hạn</i>).</summary>
    ResolvedOnTime,

    /// <summary><c>resolved_late</c> (<i>Quá hạn</i>).</summary>
    ResolvedLate,

    /// <summary><c>withdrawn</c> (<i>Rút hồ sơ</i>, extension column).</summary>
    Withdrawn,

    /// <summary><c>pending_within</c> (<i>Trong hạn</i>).</summary>
    PendingWithin,

    /// <summary><c>pending_overdue</c> (<i>Quá hạn</i>).</summary>
    PendingOverdue,
}
