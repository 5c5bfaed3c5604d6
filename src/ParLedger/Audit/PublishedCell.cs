namespace ParLedger.Audit;

/// <summary>
/// A cell a published <i>Biểu số 06/VPCP/KSTT</i> may state (SPEC §4, §7): the fourteen cells of the report JSON, and the
/// combined <i>Trước hạn, đúng hạn</i> figure some provinces publish instead of the two (the Huế reports). Declared in the
/// order of the report JSON.
/// </summary>
public enum PublishedCell
{
    /// <summary><c>carried_over</c> (<i>Từ kỳ trước</i>).</summary>
    CarriedOver,

    /// <summary><c>received_online</c> (<i>Trực tuyến</i>).</summary>
    ReceivedOnline,

    /// <summary><c>received_direct</c> (<i>Trực tiếp</i>), the split of SPEC §7; not a column of the template.</summary>
    ReceivedDirect,

    /// <summary><c>received_postal</c> (<i>Dịch vụ bưu chính</i>), the split of SPEC §7; not a column of the template.</summary>
    ReceivedPostal,

    /// <summary><c>received_direct_postal</c> (<i>Trực tiếp, dịch vụ bưu chính</i>).</summary>
    ReceivedDirectPostal,

    /// <summary><c>received_total</c> (<i>Số hồ sơ nhận giải quyết — Tổng số</i>).</summary>
    ReceivedTotal,

    /// <summary><c>resolved_early</c> (<i>Trước hạn</i>).</summary>
    ResolvedEarly,

    /// <summary><c>resolved_on_time</c> (<i>Đúng hạn</i>).</summary>
    ResolvedOnTime,

    /// <summary>
    /// <c>resolved_early_on_time</c> (<i>Trước hạn, đúng hạn</i>): early and on time as one figure, as some published
    /// tables give them; not a column of the template.
    /// </summary>
    ResolvedEarlyOnTime,

    /// <summary><c>resolved_late</c> (<i>Quá hạn</i>).</summary>
    ResolvedLate,

    /// <summary><c>resolved_total</c> (<i>Số hồ sơ đã giải quyết — Tổng số</i>).</summary>
    ResolvedTotal,

    /// <summary><c>withdrawn</c> (<i>Rút hồ sơ</i>, extension column).</summary>
    Withdrawn,

    /// <summary><c>pending_within</c> (<i>Trong hạn</i>).</summary>
    PendingWithin,

    /// <summary><c>pending_overdue</c> (<i>Quá hạn</i>).</summary>
    PendingOverdue,

    /// <summary><c>pending_total</c> (<i>Số hồ sơ đang giải quyết — Tổng số</i>).</summary>
    PendingTotal,
}
