using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// One dossier behind a cell of a window's report (<i>giải trình một ô của Biểu số 06</i>), with the facts that put it
/// there: how it came in, the deadline that judged it and the verdict.
/// </summary>
/// <param name="Code">The dossier's code (<i>mã hồ sơ</i>).</param>
/// <param name="Agency">The competent agency (<i>cơ quan tiếp nhận</i>) of its <c>received</c> event.</param>
/// <param name="Channel">How it was received (<i>hình thức tiếp nhận</i>).</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="EffectiveDue">The effective due (<i>hạn xử lý</i>) at the decisive instant (SPEC §3).</param>
/// <param name="DecisiveAt">
/// The instant its outcome in the window is judged at: its terminal event, the opening of a clock stop still open then,
/// or, for a dossier pending at the window's end, that end (or the opening of a stop open at it).
/// </param>
/// <param name="Terminal">Its terminal kind, when it finished within the window.</param>
/// <param name="TerminalAt">Its terminal instant, when it finished within the window.</param>
/// <param name="Inflow">Its inflow cell in the window (carried over or received by channel).</param>
/// <param name="Outcome">Its outcome cell in the window: resolved early, on time or late, withdrawn, pending within or overdue (<i>kết luận</i>).</param>
public sealed record ExplainedDossier(
    DossierCode Code,
    AgencyCode Agency,
    ReceiptChannel Channel,
    Instant ReceivedAt,
    Instant EffectiveDue,
    Instant DecisiveAt,
    TerminalKind? Terminal,
    Instant? TerminalAt,
    StatisticsCell Inflow,
    StatisticsCell Outcome);
