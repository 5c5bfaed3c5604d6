using System.Collections.Immutable;
using NodaTime;
using Npgsql;
using ParLedger.Periods;
using ParLedger.Statistics;
using ParLedger.Verdicts;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The self-audit of the projections: the facts of every dossier replayed from the stored events are written, as the
/// projection would write them, into temporary tables (dropped at the end of the audit's transaction, so the store is
/// not changed), and compared row by row with the projected facts, late changes and verdict sums; then the reports of
/// random windows read from the sums are compared with the replay's, for the totals and every breakdown.
/// </summary>
internal sealed class ProjectionAudit(NpgsqlDataSource dataSource, FactsTables tables)
{
    public async Task<ProjectionAuditResult> RunAsync(IReadOnlyList<DossierFacts> replayed, int windows, int seed, CancellationToken ct)
    {
        var auditSums = new VerdictSumsTable("pg_temp", "pl_audit_sums");
        ImmutableArray<string> dossiers, sums;
        var rows = replayed.Select(StoredFacts.Of).ToList();
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, $"create temp table pl_audit_facts (like {tables.Facts}) on commit drop", ct).ConfigureAwait(false);
            await ExecuteAsync(connection, $"create temp table pl_audit_late (like {tables.Late}) on commit drop", ct).ConfigureAwait(false);
            await ExecuteAsync(connection, $"create temp table pl_audit_sums (like {tables.Sums.Name} including defaults including constraints including indexes) on commit drop", ct).ConfigureAwait(false);
            await FactsTables.CopyFactsAsync(connection, "pg_temp.pl_audit_facts", rows, ct).ConfigureAwait(false);
            await FactsTables.CopyLateAsync(connection, "pg_temp.pl_audit_late", rows, ct).ConfigureAwait(false);

            var builder = new VerdictSumsBuilder();
            foreach (var facts in rows)
            {
                builder.Add(facts);
            }

            await builder.CopyIntoEmptyAsync(connection, auditSums, ct).ConfigureAwait(false);

            dossiers = await ListAsync(
                connection,
                $"""
                select code from (
                  select code from ((table {tables.Facts} except table pg_temp.pl_audit_facts) union all (table pg_temp.pl_audit_facts except table {tables.Facts})) f
                  union all
                  select code from ((table {tables.Late} except table pg_temp.pl_audit_late) union all (table pg_temp.pl_audit_late except table {tables.Late})) l
                ) x group by code order by code collate "C"
                """,
                ct).ConfigureAwait(false);
            var stored = $"(select * from {tables.Sums.Name} where {VerdictSumsTable.NonZero})";
            var replay = $"(select * from pg_temp.pl_audit_sums where {VerdictSumsTable.NonZero})";
            sums = await ListAsync(
                connection,
                $"""
                select breakdown || '/' || level || '/' || period || '/' || key from (({stored} except {replay}) union all ({replay} except {stored})) x
                group by breakdown, level, period, key order by breakdown, level, period, key collate "C"
                """,
                ct).ConfigureAwait(false);
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
        }

        var index = VerdictIndex.Build(replayed);
        var random = new Random(seed);
        var reports = ImmutableArray.CreateBuilder<string>();
        var first = replayed.Count == 0 ? new LocalDate(2020, 1, 1) : VietnamTime.DateOf(replayed.Min(f => f.ReceivedAt));
        var last = replayed.Count == 0 ? first : VietnamTime.DateOf(replayed.Max(f => f.TerminalAt ?? f.ReceivedAt)).PlusDays(30);
        var span = Math.Max(1, Period.Between(first, last, PeriodUnits.Days).Days);
        for (var w = 0; w < windows; w++)
        {
            var from = first.PlusDays(random.Next(span));
            var window = new ReportingWindow(from, from.PlusDays(random.Next(Math.Min(400, span))));
            var policy = new ReportPolicy((WithdrawnPolicy)random.Next(2), (Deadlines.TimelinessPrecision)random.Next(2));
            foreach (var by in new Breakdown?[] { null, Breakdown.Agency, Breakdown.Level, Breakdown.Field, Breakdown.Procedure, Breakdown.Channel })
            {
                var what = by is { } b ? Text.Of(b) : "total";
                var expected = index.Report(window, policy, by);
                StatisticsReport projected;
                try
                {
                    projected = await tables.Sums.ReportAsync(dataSource, window, policy, by, ct).ConfigureAwait(false);
                }
                catch (StatisticsIdentityException ex)
                {
                    // Corrupted sums may not even close: the projected report cannot be assembled.
                    reports.Add($"{window.From:yyyy-MM-dd}..{window.To:yyyy-MM-dd}, {what}: {ex.Message}");
                    continue;
                }

                var projectedRows = projected.Rows.ToDictionary(r => r.Key, r => r.Cells, StringComparer.Ordinal);
                var expectedRows = expected.Rows.ToDictionary(r => r.Key, r => r.Cells, StringComparer.Ordinal);
                if (projected.Total != expected.Total)
                {
                    reports.Add($"{window.From:yyyy-MM-dd}..{window.To:yyyy-MM-dd}, {what}, total: {projected.Total} ≠ {expected.Total}");
                }

                foreach (var key in projectedRows.Keys.Union(expectedRows.Keys).Order(StringComparer.Ordinal))
                {
                    var p = projectedRows.GetValueOrDefault(key);
                    var e = expectedRows.GetValueOrDefault(key);
                    if (p != e)
                    {
                        reports.Add($"{window.From:yyyy-MM-dd}..{window.To:yyyy-MM-dd}, {what}, '{key}': {p} ≠ {e}");
                    }
                }
            }
        }

        return new ProjectionAuditResult(replayed.Count, windows, dossiers, sums, reports.ToImmutable());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<ImmutableArray<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = ImmutableArray.CreateBuilder<string>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(reader.GetString(0));
        }

        return list.ToImmutable();
    }
}
