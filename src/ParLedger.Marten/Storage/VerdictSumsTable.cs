using NodaTime;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Periods;
using ParLedger.Statistics;
using ParLedger.Verdicts;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ParLedger.Marten.Storage;

/// <summary>
/// <c>pl_verdict_sums</c>: every dossier's verdicts (<see cref="DossierVerdicts"/>, stored with its facts row) summed by
/// breakdown key, roll-up level and period (<see cref="VerdictPeriods"/>), one column per <see cref="VerdictCell"/>.
/// A window's report reads a few dozen rows per key at its two boundaries and turns them into cells with
/// <see cref="VerdictSums.Cells"/>; SQL only adds integers. Kept by the same statements as the facts rows: before a
/// dossier's row is replaced its verdicts are subtracted, after it is written they are added, in the same transaction;
/// rows are upserted in primary-key order so that concurrent writers lock them in one order (no deadlock).
/// Breakdown 0 is the totals (key <c>''</c>), then <see cref="Breakdown"/> + 1. A tenant column would lead the key.
/// </summary>
internal sealed class VerdictSumsTable(string schema, string table = "pl_verdict_sums")
{
    private static readonly string[] CellColumns = [.. Enumerable.Range(0, VerdictSums.CellCount).Select(i => $"c{i}")];

    /// <summary>The facts columns holding each breakdown's key, in breakdown order (0: the totals).</summary>
    private static readonly string[] KeyColumns = ["''", "f.agency", "f.level", "f.field", "f.procedure", "f.channel"];

    public string Name { get; } = $"{schema}.{table}";

    /// <summary>The primary key's columns: what a report selects rows by.</summary>
    public static string PrimaryKey => "breakdown, level, period, key";

    /// <summary>A SQL expression true when a row of the table holds some non-zero count (the rows a subtraction left at zero are not).</summary>
    public static string NonZero { get; } = $"num_nonnulls({string.Join(", ", CellColumns.Select(c => $"nullif({c}, 0)"))}) > 0";

    public ISchemaObject SchemaObject()
    {
        var table = new Table(new PostgresqlObjectName(schema, "pl_verdict_sums", SchemaUtils.IdentifierUsage.General));
        table.AddColumn("breakdown", "smallint").AsPrimaryKey();
        table.AddColumn("level", "smallint").AsPrimaryKey();
        table.AddColumn("period", "date").AsPrimaryKey();
        table.AddColumn("key", "text").AsPrimaryKey();
        foreach (var cell in CellColumns)
        {
            // integer, not bigint: PostgreSQL sums integers in a 64-bit accumulator (bigint ones in a wider one, measured
            // about 20% slower by procedure) and the rows are 35% smaller; a row sums one key's changes of one day, month
            // or year, far below 2^31 even for a national roll-up.
            table.AddColumn(cell, "integer").NotNull().DefaultValueByExpression("0");
        }

        return table;
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> +1) or subtracts (−1) the stored verdicts of the facts rows whose codes
    /// <paramref name="codes"/> (a SQL query of one text column) selects.
    /// </summary>
    public string ApplySql(string factsTable, string codes, int sign)
    {
        var keys = string.Join(", ", KeyColumns.Select((k, b) => $"({b}::smallint, {k})"));
        var sums = string.Join(", ", CellColumns.Select((c, i) => $"coalesce(sum(v.change) filter (where v.cell = {i}), 0)"));
        var add = string.Join(", ", CellColumns.Select(c => $"{c} = s.{c} + excluded.{c}"));
        return $"""
            insert into {Name} as s ({PrimaryKey}, {string.Join(", ", CellColumns)})
            select k.breakdown, v.level, v.period, k.key, {sums}
            from {factsTable} f
            cross join lateral (values {keys}) k(breakdown, key)
            cross join lateral (
              select {VerdictPeriods.Day}::smallint as level, x.period, x.cell, {sign} * x.change as change from unnest(f.verdict_days, f.verdict_cells, f.verdict_changes) x(period, cell, change)
              union all
              select {VerdictPeriods.Month}::smallint, x.period, x.cell, {sign} * x.change from unnest(f.verdict_months, f.verdict_cells, f.verdict_changes) x(period, cell, change)
              union all
              select {VerdictPeriods.Year}::smallint, x.period, x.cell, {sign} * x.change from unnest(f.verdict_years, f.verdict_cells, f.verdict_changes) x(period, cell, change)
            ) v
            where f.code in ({codes})
            group by k.breakdown, v.level, v.period, k.key
            order by k.breakdown, v.level, v.period, k.key
            on conflict ({PrimaryKey}) do update set {add}
            """;
    }

    /// <summary>
    /// Writes sums into a table that holds none of their keys yet (a rebuild's new table) by binary COPY: no conflict to
    /// resolve, so none of <see cref="UpsertAsync"/>'s unnest and upsert.
    /// </summary>
    public async Task CopyAsync(NpgsqlConnection connection, VerdictSumsRows rows, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(
            connection, $"copy {Name} ({PrimaryKey}, {string.Join(", ", CellColumns)}) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
        var columns = (short)(4 + CellColumns.Length);
        for (var row = 0; row < rows.Count; row++)
        {
            copy.StartRow(columns);
            copy.Write(rows.Breakdowns[row]);
            copy.Write(rows.Levels[row]);
            copy.Write(rows.Periods[row]);
            copy.WriteText(rows.Keys[row]);
            foreach (var count in rows.CountsOf(row))
            {
                copy.Write(count);
            }
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds sums to the table's rows (inserting the missing ones), in primary-key order.</summary>
    public async Task UpsertAsync(NpgsqlConnection connection, VerdictSumsRows rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", CellColumns.Select((c, i) => $"${i + 5}::integer[]"));
        var add = string.Join(", ", CellColumns.Select(c => $"{c} = s.{c} + excluded.{c}"));
        await using var command = new NpgsqlCommand(
            $"""
            insert into {Name} as s ({PrimaryKey}, {string.Join(", ", CellColumns)})
            select * from unnest($1::smallint[], $2::smallint[], $3::date[], $4::text[], {columns})
            order by 1, 2, 3, 4
            on conflict ({PrimaryKey}) do update set {add}
            """,
            connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Breakdowns });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Levels });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Periods });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Keys });
        for (var c = 0; c < CellColumns.Length; c++)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Column(c) });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report of a window: the sums per key at the day before it and at its last day.</summary>
    public async Task<StatisticsReport> ReportAsync(NpgsqlDataSource dataSource, ReportingWindow window, ReportPolicy policy, Breakdown? by, CancellationToken cancellationToken)
    {
        // The report's cells are the first ones (Open .. Withdrawn): the service-index cells after them are not read.
        var sums = await SumsAsync(dataSource, window, by is { } b ? (short)((int)b + 1) : (short)0, (int)VerdictCell.Withdrawn + 1, cancellationToken).ConfigureAwait(false);
        StatisticsCells CellsOf(string key) => sums.TryGetValue(key, out var pair) ? VerdictSums.Cells(pair[0], pair[1], policy) : default;
        if (by is not { } breakdown)
        {
            return PeriodStatistics.Assemble(window, null, policy, CellsOf(string.Empty), []);
        }

        // Every dossier has one key per breakdown: the totals are the rows' sum.
        var rows = sums.Keys.Select(key => new ReportRow(breakdown, key, CellsOf(key))).ToList();
        return PeriodStatistics.Assemble(window, null, policy, rows.Aggregate(default(StatisticsCells), (total, row) => total + row.Cells), rows);
    }

    /// <summary>
    /// The service-index rates of a window (SPEC §5): the totals' sums of every cell at its two boundaries, and the late
    /// changes of <c>pl_verdict_late</c> dated in the window whose point is in it too (<see cref="VerdictDelta.PointDay"/>),
    /// turned into rates by <see cref="ServiceIndex.FromSums"/>. The late changes read are those dated in the window: their
    /// number grows with the window's activity, not with the store.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorRate>> RatesAsync(NpgsqlDataSource dataSource, string lateTable, ReportingWindow window, ReportPolicy policy, IReadOnlyDictionary<ServiceIndicator, double>? maxima, CancellationToken cancellationToken)
    {
        var sums = await SumsAsync(dataSource, window, 0, VerdictSums.CellCount, cancellationToken).ConfigureAwait(false);
        var late = new long[VerdictSums.CellCount];
        await using (var command = dataSource.CreateCommand($"select cell, sum(change)::bigint from {lateTable} where day > $1 and day <= $2 and point_day > $1 group by cell"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = window.From.PlusDays(-1).ToDateOnly(), NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = window.To.ToDateOnly(), NpgsqlDbType = NpgsqlDbType.Date });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                late[reader.GetInt16(0)] = reader.GetInt64(1);
            }
        }

        var (before, last) = sums.TryGetValue(string.Empty, out var pair) ? (pair[0], pair[1]) : (default, default);
        return ServiceIndex.FromSums(before, last, new VerdictSums(late), policy, maxima);
    }

    /// <summary>The sums of the first <paramref name="cells"/> cells per key of a breakdown, at the day before the window ([0]) and at its last day ([1]).</summary>
    private async Task<Dictionary<string, VerdictSums[]>> SumsAsync(NpgsqlDataSource dataSource, ReportingWindow window, short breakdown, int cells, CancellationToken cancellationToken)
    {
        var columns = CellColumns.Take(cells).ToArray();
        var boundaries = new[] { window.From.PlusDays(-1), window.To };
        var parts = new List<string>();
        for (var t = 0; t < boundaries.Length; t++)
        {
            parts.Add($"select {t} as tag, key, {string.Join(", ", columns)} from {Name} where breakdown = $1 and level = {VerdictPeriods.Year} and period < ${(3 * t) + 2}");
            parts.Add($"select {t}, key, {string.Join(", ", columns)} from {Name} where breakdown = $1 and level = {VerdictPeriods.Month} and period >= ${(3 * t) + 2} and period < ${(3 * t) + 3}");
            parts.Add($"select {t}, key, {string.Join(", ", columns)} from {Name} where breakdown = $1 and level = {VerdictPeriods.Day} and period >= ${(3 * t) + 3} and period <= ${(3 * t) + 4}");
        }

        var sql = $"select tag, key, {string.Join(", ", columns.Select(c => $"sum({c})::bigint"))} from ({string.Join("\nunion all\n", parts)}) r group by tag, key";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = breakdown, NpgsqlDbType = NpgsqlDbType.Smallint });
        foreach (var x in boundaries)
        {
            var (yearStart, monthStart, day) = VerdictPeriods.Prefix(x);
            foreach (var date in new[] { yearStart, monthStart, day })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = date.ToDateOnly(), NpgsqlDbType = NpgsqlDbType.Date });
            }
        }

        var sums = new Dictionary<string, VerdictSums[]>(StringComparer.Ordinal);
        var counts = new long[VerdictSums.CellCount];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var c = 0; c < columns.Length; c++)
            {
                counts[c] = reader.GetInt64(2 + c);
            }

            var key = reader.GetString(1);
            if (!sums.TryGetValue(key, out var pair))
            {
                sums[key] = pair = new VerdictSums[2];
            }

            pair[reader.GetInt32(0)] = new VerdictSums(counts);
        }

        return sums;
    }
}
