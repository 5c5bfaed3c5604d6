namespace ParLedger.Verdicts;

/// <summary>
/// What a <see cref="VerdictDelta"/> counts: the statistics cells of SPEC §4 (<i>Biểu số 06</i>) split by the policy
/// <c>precision</c> where a cell depends on it, and reduced to two shapes, both read at the <b>end of a local day</b>:
/// a <b>point</b> (an event on a day: received by channel, finished by kind and timeliness) and a <b>state</b> (what
/// holds at the end of a day: open, overdue). A window <c>[from, to]</c> reads a point cell as its count over
/// <c>(from − 1, to]</c> and a state cell at <c>to</c> (pending) or at <c>from − 1</c> (carried over).
/// </summary>
public enum VerdictCell : byte
{
    /// <summary>State: the dossier is open (received, not finished) at the end of the day. Carried over (<i>từ kỳ trước</i>) at the end of the day before a window; pending (<i>đang giải quyết</i>) at the end of its last day.</summary>
    Open,

    /// <summary>State: open and overdue (<i>quá hạn</i>) at the end of the day under precision <c>day</c>.</summary>
    OverdueByDay,

    /// <summary>State: open and overdue at the end of the day under precision <c>instant</c>.</summary>
    OverdueByInstant,

    /// <summary>Point: received online (<i>trực tuyến</i>) on the day.</summary>
    ReceivedOnline,

    /// <summary>Point: received at the desk (<i>trực tiếp</i>) on the day.</summary>
    ReceivedDirect,

    /// <summary>Point: received by post (<i>dịch vụ bưu chính</i>) on the day.</summary>
    ReceivedPostal,

    /// <summary>Point: resolved or stopped early (<i>trước hạn</i>) on the day, precision <c>day</c>.</summary>
    EarlyByDay,

    /// <summary>Point: resolved or stopped on time (<i>đúng hạn</i>) on the day, precision <c>day</c>.</summary>
    OnTimeByDay,

    /// <summary>Point: resolved or stopped late (<i>quá hạn</i>) on the day, precision <c>day</c>.</summary>
    LateByDay,

    /// <summary>Point: resolved or stopped early on the day, precision <c>instant</c>.</summary>
    EarlyByInstant,

    /// <summary>Point: resolved or stopped on time on the day, precision <c>instant</c>.</summary>
    OnTimeByInstant,

    /// <summary>Point: resolved or stopped late on the day, precision <c>instant</c>.</summary>
    LateByInstant,

    /// <summary>Point: withdrawn by the applicant (<i>rút hồ sơ</i>) on the day; the policy <c>withdrawn</c> decides its column.</summary>
    Withdrawn,

    // The cells below count what the service-index rates of SPEC §5 (Quyết định 766/QĐ-TTg) need beyond the report's.
    // A "qualified point" is a point whose dossier counts only while a condition holds at a window's end (paid online,
    // digitised, rated unsatisfied "in time"): +1 on the point's day when the condition already holds at that day's end,
    // and a late change (VerdictDelta.PointDay set) on each later day the condition turns.

    /// <summary>Point: received on the day with fees to pay (<c>fee_required</c>): the denominator of 3.6.</summary>
    ReceivedFeeRequired,

    /// <summary>Qualified point on the receipt day: fees required and paid online (<i>thanh toán trực tuyến</i>) by the day's end (3.6).</summary>
    PaidOnline,

    /// <summary>Qualified point on the receipt day: data reused from an earlier digitised result (<i>tái sử dụng</i>) by the day's end (4.3).</summary>
    Reused,

    /// <summary>Point: finished on the day by a <c>resolved</c> event (the denominator of 4.1 and 4.2).</summary>
    Resolved,

    /// <summary>Point: finished on the day by a <c>resolved</c> event with an electronic result (<i>kết quả điện tử</i>, 4.1).</summary>
    ResolvedElectronic,

    /// <summary>Qualified point on the terminal day: resolved with an electronic result and digitised (<i>số hóa</i>) by the day's end (4.2).</summary>
    ResolvedElectronicDigitized,

    /// <summary>Point: finished early or on time under precision <c>day</c> after two or more supplement requests (excluded from 2.1).</summary>
    EarlyOrOnTimeSupplementedTwiceByDay,

    /// <summary>Point: finished early or on time under precision <c>instant</c> after two or more supplement requests (excluded from 2.1).</summary>
    EarlyOrOnTimeSupplementedTwiceByInstant,

    /// <summary>Point: withdrawn after two or more supplement requests (excluded from 2.1 when withdrawn counts as on time).</summary>
    WithdrawnSupplementedTwice,

    /// <summary>State: open, not overdue under precision <c>day</c>, and asked for supplements twice by the day's end (excluded from 2.1).</summary>
    WithinSupplementedTwiceByDay,

    /// <summary>State: open, not overdue under precision <c>instant</c>, and asked for supplements twice by the day's end (excluded from 2.1).</summary>
    WithinSupplementedTwiceByInstant,

    /// <summary>Qualified point on the terminal day: finished early or on time under <c>day</c>, its last rating by the day's end unsatisfied (excluded from 5.4).</summary>
    UnsatisfiedEarlyOrOnTimeByDay,

    /// <summary>Qualified point on the terminal day: finished early or on time under <c>instant</c>, its last rating by the day's end unsatisfied (excluded from 5.4).</summary>
    UnsatisfiedEarlyOrOnTimeByInstant,

    /// <summary>Qualified point on the terminal day: withdrawn, its last rating by the day's end unsatisfied (excluded from 5.4 when withdrawn counts as on time).</summary>
    UnsatisfiedWithdrawn,
}
