using ParLedger.Codes;
using ParLedger.Statistics;

namespace ParLedger.Audit;

/// <summary>
/// One agency's row of the accountability table (<i>Phụ lục IV: cơ quan chịu trách nhiệm về hồ sơ quá hạn</i>) for a window.
/// </summary>
/// <param name="Agency">The responsible agency.</param>
/// <param name="Overdue">Its overdue dossiers: resolved late in the window plus pending overdue at its end.</param>
/// <param name="OnTime">The on-time rate (SPEC §5 indicator 2.1) over its dossiers.</param>
/// <param name="Online">The online-submission rate (SPEC §5 indicator 3.3) over its dossiers.</param>
public sealed record AccountabilityRow(AgencyCode Agency, long Overdue, IndicatorRate OnTime, IndicatorRate Online);
