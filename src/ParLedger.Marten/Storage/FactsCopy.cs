using Npgsql;
using NpgsqlTypes;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>Writes facts rows by binary COPY: the fast path for loads and rebuilds (no per-row statements).</summary>
internal static class FactsCopy
{
    public static async Task<long> ReplaceAllAsync(NpgsqlDataSource dataSource, FactsTables tables, IEnumerable<DossierFacts> dossiers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var truncate = new NpgsqlCommand($"truncate {tables.Facts}, {tables.Segments}", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var segments = new List<DossierFacts>();
        long count = 0;
        await using (var facts = await connection.BeginBinaryImportAsync(
            $"copy {tables.Facts} (code, agency, holding_agency, level, field, procedure, channel, fee_required, received_at, terminal, terminal_at, timeliness_day, timeliness_instant, electronic_result, second_supplement_at, first_online_fee_at, first_digitized_at, first_reuse_at, first_overdue_at, ratings, last_from_at, last_stopped, last_effective_due, last_overdue_day, last_overdue_instant) from stdin (format binary)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var d in dossiers)
            {
                await facts.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.Code.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.Agency.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.HoldingAgency.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(Text.Of(d.Level), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.Field, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.Procedure.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(Text.Of(d.Channel), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.FeeRequired, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.ReceivedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await WriteSmallint(facts, (int?)d.Terminal, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.TerminalAt, cancellationToken).ConfigureAwait(false);
                await WriteSmallint(facts, (int?)d.TimelinessByDay, cancellationToken).ConfigureAwait(false);
                await WriteSmallint(facts, (int?)d.TimelinessByInstant, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(d.ElectronicResult, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.SecondSupplementRequestAt, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.FirstOnlineFeePaidAt, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.FirstDigitizedAt, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.FirstReuseDigitizedAt, cancellationToken).ConfigureAwait(false);
                await WriteInstant(facts, d.FirstOverdueNoticeAt, cancellationToken).ConfigureAwait(false);
                if (d.Ratings.IsDefaultOrEmpty)
                {
                    await facts.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await facts.WriteAsync(System.Text.Json.JsonSerializer.Serialize(d.Ratings.Select(r => new { at = InstantText.Format(r.At), satisfied = r.Satisfied })), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                }

                var last = d.Segments[^1];
                await facts.WriteAsync(last.From.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(last.Stopped, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(last.EffectiveDue.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(last.OverdueAtStopByDay, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await facts.WriteAsync(last.OverdueAtStopByInstant, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                segments.Add(d);
                count++;
            }

            await facts.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            $"copy {tables.Segments} (code, ord, from_at, to_at, stopped, effective_due, overdue_day, overdue_instant) from stdin (format binary)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var d in segments)
            {
                for (var i = 0; i < d.Segments.Length; i++)
                {
                    var s = d.Segments[i];
                    await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(d.Code.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(s.From.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await WriteInstant(rows, i + 1 < d.Segments.Length ? d.Segments[i + 1].From : null, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(s.Stopped, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(s.EffectiveDue.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(s.OverdueAtStopByDay, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await rows.WriteAsync(s.OverdueAtStopByInstant, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                }
            }

            await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await using (var analyze = new NpgsqlCommand($"analyze {tables.Facts}; analyze {tables.Segments}", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static Task WriteSmallint(NpgsqlBinaryImporter importer, int? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync((short)v, NpgsqlDbType.Smallint, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static Task WriteInstant(NpgsqlBinaryImporter importer, NodaTime.Instant? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync(v.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
