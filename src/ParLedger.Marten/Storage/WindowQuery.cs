using Npgsql;
using NpgsqlTypes;
using ParLedger.Deadlines;
using ParLedger.Periods;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The projection path of the service-index rates (SPEC §5; window reports read the verdict sums instead,
/// <see cref="VerdictSumsTable"/>; issue 10 moves these rates there too): one SQL query over <c>pl_dossier_facts</c> and
/// <c>pl_due_segments</c>, no event replay. Each dossier's inflow and outcome cell are decided as <see cref="PeriodStatistics.Classify"/> decides them:
/// timeliness comes from the domain's fold (stored), the deadline segment in force at the window's end is the dossier's
/// last one (denormalised in the facts row) or, for a window ending before it began, looked up in the segments table, and
/// only overdue-at-end of a running segment is decided in SQL
/// (<c>ED &lt; end</c> under <c>instant</c>; <c>ED &lt; start of the last date</c>, which is <c>date(ED) &lt; to</c>, under <c>day</c>).
/// The differential tests prove it equal to the replay fold.
/// </summary>
internal static class WindowQuery
{
    // Cell indexes follow StatisticsCell: 0 carried_over, 1 online, 2 direct, 3 postal, 4 early, 5 on time, 6 late,
    // 7 withdrawn, 8 pending within, 9 pending overdue. Timeliness: 0 early, 1 on time, 2 late.
    /// <summary>
    /// The classification of every dossier touching the window, as <see cref="PeriodStatistics.Classify"/> does it:
    /// a CTE <c>d</c> with the row key, <c>inflow</c> (0–3) and <c>outcome</c> (4–9) in <see cref="StatisticsCell"/> numbering.
    /// </summary>
    private static string Classified(FactsTables tables, string key, string extraColumns) => $"""
        with d as (
          select {key} as key,
            case when f.received_at < @start then 0
                 when f.channel = 'online' then 1 when f.channel = 'direct' then 2 else 3 end as inflow,
            case when f.terminal_at is not null and f.terminal_at < @end then
                   case when f.terminal = 2 then (case when @withdrawn_separate then 7 else 5 end)
                        else 4 + (case when @by_day then f.timeliness_day else f.timeliness_instant end) end
                 when (case when f.last_from_at < @end then {OverdueIn("f.last_")}
                            else (select {OverdueIn("s.")}
                                  from {tables.Segments} s
                                  where s.code = f.code and s.from_at < @end and (s.to_at is null or s.to_at >= @end)) end) then 9
                 else 8 end as outcome{extraColumns}
          from {tables.Facts} f
          where f.received_at < @end and (f.terminal_at is null or f.terminal_at >= @start)
          offset 0 -- keeps the planner from inlining d, which would evaluate the CASEs once per count (measured −25%)
        )
        """;

    /// <summary>
    /// Whether a pending dossier is overdue at the window's end, given the deadline segment in force then (columns
    /// <c>stopped</c>, <c>overdue_day</c>, <c>overdue_instant</c>, <c>effective_due</c> under <paramref name="prefix"/>): the
    /// verdict at the stop's opening if the clock is stopped, else <c>ED &lt; end</c> (instant) or <c>date(ED) &lt; to</c> (day).
    /// </summary>
    private static string OverdueIn(string prefix) =>
        $"(case when {prefix}stopped then (case when @by_day then {prefix}overdue_day else {prefix}overdue_instant end) " +
        $"else (case when @by_day then {prefix}effective_due < @last_day_start else {prefix}effective_due < @end end) end)";

    /// <summary>The SPEC §5 counts: numerator and denominator of each <see cref="ServiceIndicator"/>, in order.</summary>
    public static string IndicatorSql(FactsTables tables) => Classified(tables, "''", """
        ,
            f.fee_required, f.terminal, f.electronic_result,
            coalesce(f.second_supplement_at < @end, false) as supplemented_twice,
            coalesce(f.first_online_fee_at < @end, false) as paid_online,
            coalesce(f.first_digitized_at < @end, false) as digitized,
            coalesce(f.first_reuse_at < @end, false) as reused,
            coalesce((select not (x.r->>'satisfied')::boolean
                      from jsonb_array_elements(f.ratings) with ordinality as x(r, n)
                      where (x.r->>'at')::timestamptz < @end order by x.n desc limit 1), false) as unsatisfied
        """) + """
        select
          count(*) filter (where outcome in (4, 5, 8) and not supplemented_twice),
          count(*) filter (where outcome in (4, 5, 6, 8, 9)),
          count(*) filter (where inflow = 1),
          count(*) filter (where inflow in (1, 2, 3)),
          count(*) filter (where inflow in (1, 2, 3) and fee_required and paid_online),
          count(*) filter (where inflow in (1, 2, 3) and fee_required),
          count(*) filter (where outcome in (4, 5, 6) and terminal = 0 and electronic_result),
          count(*) filter (where outcome in (4, 5, 6) and terminal = 0),
          count(*) filter (where outcome in (4, 5, 6) and terminal = 0 and electronic_result and digitized),
          count(*) filter (where outcome in (4, 5, 6) and terminal = 0),
          count(*) filter (where inflow in (1, 2, 3) and reused),
          count(*) filter (where inflow in (1, 2, 3)),
          count(*) filter (where outcome in (4, 5, 8) and not unsatisfied),
          count(*) filter (where outcome in (4, 5, 6, 8, 9))
        from d
        """;

    public static async Task<IReadOnlyList<IndicatorRate>> RunIndicatorsAsync(NpgsqlDataSource dataSource, FactsTables tables, ReportingWindow window, ReportPolicy policy, IReadOnlyDictionary<ServiceIndicator, double>? maxima, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(IndicatorSql(tables));
        AddParameters(command, window, policy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<ServiceIndicator>()
            .Select(i => new IndicatorRate(
                i,
                reader.GetInt64(2 * (int)i),
                reader.GetInt64((2 * (int)i) + 1),
                ServiceIndex.DefaultThresholds.TryGetValue(i, out var t) ? t : null,
                maxima is not null && maxima.TryGetValue(i, out var m) ? m : null))
            .ToList();
    }

    private static void AddParameters(NpgsqlCommand command, ReportingWindow window, ReportPolicy policy)
    {
        command.Parameters.Add(new NpgsqlParameter("start", NpgsqlDbType.TimestampTz) { Value = window.Start.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter("end", NpgsqlDbType.TimestampTz) { Value = window.End.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter("last_day_start", NpgsqlDbType.TimestampTz) { Value = VietnamTime.StartOf(window.To).ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter("withdrawn_separate", NpgsqlDbType.Boolean) { Value = policy.Withdrawn == WithdrawnPolicy.Separate });
        command.Parameters.Add(new NpgsqlParameter("by_day", NpgsqlDbType.Boolean) { Value = policy.Precision == TimelinessPrecision.Day });
    }
}
