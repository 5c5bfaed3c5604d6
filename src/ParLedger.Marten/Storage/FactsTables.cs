using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using ParLedger.Statistics;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The projected tables: <c>pl_dossier_facts</c> (one row per dossier: what the window rules need, with its last
/// deadline segment denormalised) and <c>pl_due_segments</c> (all of the dossier's deadline segments, deciding
/// overdue-at-end for a window that ends before the last segment began).
/// Rows are written from <see cref="DossierFacts"/>, which the domain folds; SQL only compares instants.
/// </summary>
internal sealed class FactsTables(string schema)
{
    public string Schema { get; } = schema;

    public string Facts => $"{Schema}.pl_dossier_facts";

    public string Segments => $"{Schema}.pl_due_segments";

    private static readonly (string Name, string Type)[] FactsColumns =
    [
        ("code", "text"), ("agency", "text"), ("holding_agency", "text"), ("level", "text"), ("field", "text"),
        ("procedure", "text"), ("channel", "text"), ("fee_required", "boolean"), ("received_at", "timestamptz"),
        ("terminal", "smallint"), ("terminal_at", "timestamptz"), ("timeliness_day", "smallint"), ("timeliness_instant", "smallint"),
        ("electronic_result", "boolean"), ("second_supplement_at", "timestamptz"), ("first_online_fee_at", "timestamptz"),
        ("first_digitized_at", "timestamptz"), ("first_reuse_at", "timestamptz"), ("first_overdue_at", "timestamptz"),
        ("ratings", "jsonb"),
        ("last_from_at", "timestamptz"), ("last_stopped", "boolean"), ("last_effective_due", "timestamptz"),
        ("last_overdue_day", "boolean"), ("last_overdue_instant", "boolean"),
    ];

    private static readonly (string Name, string Type)[] SegmentColumns =
    [
        ("code", "text"), ("ord", "integer"), ("from_at", "timestamptz"), ("to_at", "timestamptz"), ("stopped", "boolean"),
        ("effective_due", "timestamptz"), ("overdue_day", "boolean"), ("overdue_instant", "boolean"),
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        var facts = new Table(new PostgresqlObjectName(Schema, "pl_dossier_facts", SchemaUtils.IdentifierUsage.General));
        foreach (var (name, type) in FactsColumns)
        {
            var column = facts.AddColumn(name, type);
            if (name == "code")
            {
                column.AsPrimaryKey();
            }
            else if (name is "agency" or "holding_agency" or "level" or "field" or "procedure" or "channel" or "fee_required" or "received_at" or "electronic_result")
            {
                column.NotNull();
            }
        }

        var segments = new Table(new PostgresqlObjectName(Schema, "pl_due_segments", SchemaUtils.IdentifierUsage.General));
        foreach (var (name, type) in SegmentColumns)
        {
            var column = segments.AddColumn(name, type);
            if (name is "code" or "ord")
            {
                column.AsPrimaryKey();
            }
            else if (name != "to_at")
            {
                column.NotNull();
            }
        }

        return [facts, segments];
    }

    /// <summary>
    /// The three statements that replace the rows of the dossiers given as two JSON arrays: (1) delete their segments,
    /// parameter: facts; (2) upsert their facts, parameter: facts; (3) insert their segments, parameter: segments.
    /// </summary>
    public string[] UpsertSql(string parameter) =>
    [
        $"delete from {Segments} where code in (select x->>'code' from jsonb_array_elements({parameter}::jsonb) x)",
        $"insert into {Facts} select * from jsonb_populate_recordset(null::{Facts}, {parameter}::jsonb) on conflict (code) do update set {UpdateEveryColumn}",
        $"insert into {Segments} select * from jsonb_populate_recordset(null::{Segments}, {parameter}::jsonb)",
    ];

    /// <summary>The <c>on conflict (code) do update set …</c> list that replaces every column of a facts row.</summary>
    public static string UpdateEveryColumn { get; } = string.Join(", ", FactsColumns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));

    /// <summary>
    /// Replaces every row of both tables with the given facts, in one transaction, by the same statements and JSON rows
    /// the projection writes (<see cref="UpsertSql"/>, <see cref="ToJson"/>), in chunks of 10,000 dossiers.
    /// </summary>
    public async Task<long> ReplaceAllAsync(NpgsqlDataSource dataSource, IEnumerable<DossierFacts> dossiers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"truncate {Facts}, {Segments}", null, cancellationToken).ConfigureAwait(false);
        var sql = UpsertSql("$1");
        long count = 0;
        foreach (var chunk in dossiers.Chunk(10_000))
        {
            var (facts, segments) = ToJson(chunk);
            await ExecuteAsync(connection, sql[0], facts, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, sql[1], facts, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, sql[2], segments, cancellationToken).ConfigureAwait(false);
            count += chunk.Length;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"analyze {Facts}, {Segments}", null, cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string? json, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        if (json is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = json });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static (string Facts, string Segments) ToJson(IEnumerable<DossierFacts> dossiers)
    {
        using var factsBuffer = new MemoryStream();
        using var segmentsBuffer = new MemoryStream();
        using (var f = new Utf8JsonWriter(factsBuffer, WriterOptions))
        using (var s = new Utf8JsonWriter(segmentsBuffer, WriterOptions))
        {
            f.WriteStartArray();
            s.WriteStartArray();
            foreach (var d in dossiers)
            {
                WriteFacts(f, d);
                WriteSegments(s, d);
            }

            f.WriteEndArray();
            s.WriteEndArray();
        }

        return (Encoding.UTF8.GetString(factsBuffer.ToArray()), Encoding.UTF8.GetString(segmentsBuffer.ToArray()));
    }

    private static void WriteFacts(Utf8JsonWriter w, DossierFacts d)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Code.Value);
        w.WriteString("agency", d.Agency.Value);
        w.WriteString("holding_agency", d.HoldingAgency.Value);
        w.WriteString("level", Text.Of(d.Level));
        w.WriteString("field", d.Field);
        w.WriteString("procedure", d.Procedure.Value);
        w.WriteString("channel", Text.Of(d.Channel));
        w.WriteBoolean("fee_required", d.FeeRequired);
        w.WriteString("received_at", InstantText.Format(d.ReceivedAt));
        WriteNumber(w, "terminal", (int?)d.Terminal);
        WriteInstant(w, "terminal_at", d.TerminalAt);
        WriteNumber(w, "timeliness_day", (int?)d.TimelinessByDay);
        WriteNumber(w, "timeliness_instant", (int?)d.TimelinessByInstant);
        w.WriteBoolean("electronic_result", d.ElectronicResult);
        WriteInstant(w, "second_supplement_at", d.SecondSupplementRequestAt);
        WriteInstant(w, "first_online_fee_at", d.FirstOnlineFeePaidAt);
        WriteInstant(w, "first_digitized_at", d.FirstDigitizedAt);
        WriteInstant(w, "first_reuse_at", d.FirstReuseDigitizedAt);
        WriteInstant(w, "first_overdue_at", d.FirstOverdueNoticeAt);
        if (d.Ratings.IsDefaultOrEmpty)
        {
            w.WriteNull("ratings");
        }
        else
        {
            w.WriteStartArray("ratings");
            foreach (var rating in d.Ratings)
            {
                w.WriteStartObject();
                w.WriteString("at", InstantText.Format(rating.At));
                w.WriteBoolean("satisfied", rating.Satisfied);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        // The last segment, denormalised: it decides every window ending after it began without a lookup.
        var last = d.Segments[^1];
        w.WriteString("last_from_at", InstantText.Format(last.From));
        w.WriteBoolean("last_stopped", last.Stopped);
        w.WriteString("last_effective_due", InstantText.Format(last.EffectiveDue));
        w.WriteBoolean("last_overdue_day", last.OverdueAtStopByDay);
        w.WriteBoolean("last_overdue_instant", last.OverdueAtStopByInstant);
        w.WriteEndObject();
    }

    private static void WriteSegments(Utf8JsonWriter w, DossierFacts d)
    {
        var segments = d.Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            w.WriteStartObject();
            w.WriteString("code", d.Code.Value);
            w.WriteNumber("ord", i);
            w.WriteString("from_at", InstantText.Format(s.From));
            WriteInstant(w, "to_at", i + 1 < segments.Length ? segments[i + 1].From : null);
            w.WriteBoolean("stopped", s.Stopped);
            w.WriteString("effective_due", InstantText.Format(s.EffectiveDue));
            w.WriteBoolean("overdue_day", s.OverdueAtStopByDay);
            w.WriteBoolean("overdue_instant", s.OverdueAtStopByInstant);
            w.WriteEndObject();
        }
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, NodaTime.Instant? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, InstantText.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
