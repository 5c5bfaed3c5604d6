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
}
