using System.Collections.Immutable;
using NodaTime;
using ParLedger.Periods;

namespace ParLedger.Statistics;

/// <summary>
/// A period statistics report (<i>Biểu số 06/VPCP/KSTT</i>) for one window: totals and, with a breakdown, one row
/// per key with at least one non-zero cell, ordered ordinally by key. The identity
/// <c>received_total = resolved_total + withdrawn + pending_total</c> holds on every row.
/// </summary>
/// <param name="Window">The window.</param>
/// <param name="AsOf">The recording instant the report is known at, or <see langword="null"/> for all events.</param>
/// <param name="Policy">The policies used.</param>
/// <param name="Total">The totals.</param>
/// <param name="Rows">The breakdown rows (empty without a breakdown).</param>
public sealed record StatisticsReport(
    ReportingWindow Window,
    Instant? AsOf,
    ReportPolicy Policy,
    StatisticsCells Total,
    ImmutableArray<ReportRow> Rows);
