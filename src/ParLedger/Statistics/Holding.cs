using NodaTime;
using ParLedger.Codes;

namespace ParLedger.Statistics;

/// <summary>
/// An agency holding a dossier (<i>cơ quan đang giữ hồ sơ</i>) from an instant on: the competent agency from receipt, then
/// each agency a <c>transferred</c> event hands it to. A holding lasts until the next one begins; at an instant where
/// one begins, the new agency holds the dossier.
/// </summary>
/// <param name="From">When the agency took the dossier (the <c>received</c> or <c>transferred</c> event's <c>at</c>).</param>
/// <param name="Agency">The agency.</param>
public readonly record struct Holding(Instant From, AgencyCode Agency);
