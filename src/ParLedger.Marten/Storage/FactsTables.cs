using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Statistics;
using ParLedger.Verdicts;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The projected tables: <c>pl_dossier_facts</c> (one row per dossier: what the window rules need, with its last
/// deadline segment denormalised) and <c>pl_due_segments</c> (the dossier's earlier deadline segments, all but that
/// last one, deciding overdue-at-end for a window that ends before the last segment began; a dossier whose deadline
/// never stopped or moved has no row there, since its only segment begins at receipt).
/// Rows are written from <see cref="DossierFacts"/>, which the domain folds; SQL only compares instants.
/// </summary>
internal sealed class FactsTables(string schema)
{
    public string Schema { get; } = schema;

    public string Facts => $"{Schema}.pl_dossier_facts";

    public string Segments => $"{Schema}.pl_due_segments";

    /// <summary>The facts columns: name, SQL type and value, the one list behind the schema, the JSON rows and the binary COPY.</summary>
    private static readonly Column<DossierFacts>[] FactsColumns =
    [
        new("code", "text", d => d.Code.Value), new("agency", "text", d => d.Agency.Value),
        new("holding_agency", "text", d => d.HoldingAgency.Value), new("level", "text", d => Text.Of(d.Level)),
        new("field", "text", d => d.Field), new("procedure", "text", d => d.Procedure.Value),
        new("channel", "text", d => Text.Of(d.Channel)), new("fee_required", "boolean", d => d.FeeRequired),
        new("received_at", "timestamptz", d => d.ReceivedAt),
        new("terminal", "smallint", d => d.Terminal is { } t ? (short)t : null), new("terminal_at", "timestamptz", d => d.TerminalAt),
        new("timeliness_day", "smallint", d => d.TimelinessByDay is { } t ? (short)t : null),
        new("timeliness_instant", "smallint", d => d.TimelinessByInstant is { } t ? (short)t : null),
        new("electronic_result", "boolean", d => d.ElectronicResult),
        new("second_supplement_at", "timestamptz", d => d.SecondSupplementRequestAt),
        new("first_online_fee_at", "timestamptz", d => d.FirstOnlineFeePaidAt),
        new("first_digitized_at", "timestamptz", d => d.FirstDigitizedAt),
        new("first_reuse_at", "timestamptz", d => d.FirstReuseDigitizedAt),
        new("first_overdue_at", "timestamptz", d => d.FirstOverdueNoticeAt),
        new("ratings", "jsonb", d => RatingsJson(d)),

        // The last segment, denormalised: it decides every window ending after it began without a lookup.
        new("last_from_at", "timestamptz", d => d.Segments[^1].From), new("last_stopped", "boolean", d => d.Segments[^1].Stopped),
        new("last_effective_due", "timestamptz", d => d.Segments[^1].EffectiveDue),
        new("last_overdue_day", "boolean", d => d.Segments[^1].OverdueAtStopByDay),
        new("last_overdue_instant", "boolean", d => d.Segments[^1].OverdueAtStopByInstant),

        // The dossier's verdicts (DossierVerdicts), day by day with their month and year: what the verdict sums hold for
        // it, so that a change of the dossier subtracts exactly what it added (VerdictSumsTable). Nullable so that a store
        // written before they existed can take the columns; opening it for writing then rebuilds its facts (NeedsRebuildSql).
        new("verdict_cells", "smallint[]", d => Verdicts(d).Select(v => (short)v.Cell).ToArray()),
        new("verdict_changes", "smallint[]", d => Verdicts(d).Select(v => (short)v.Change).ToArray()),
        new("verdict_days", "date[]", d => Verdicts(d).Select(v => v.Day.ToDateOnly()).ToArray()),
        new("verdict_months", "date[]", d => Verdicts(d).Select(v => VerdictPeriods.MonthOf(v.Day).ToDateOnly()).ToArray()),
        new("verdict_years", "date[]", d => Verdicts(d).Select(v => VerdictPeriods.YearOf(v.Day).ToDateOnly()).ToArray()),
    ];

    /// <summary>The verdicts of the dossier last asked for, cached: five columns read them in a row.</summary>
    [ThreadStatic]
    private static (DossierFacts? Facts, System.Collections.Immutable.ImmutableArray<VerdictDelta> Verdicts) _lastVerdicts;

    private static System.Collections.Immutable.ImmutableArray<VerdictDelta> Verdicts(DossierFacts d)
    {
        if (!ReferenceEquals(_lastVerdicts.Facts, d))
        {
            _lastVerdicts = (d, DossierVerdicts.Of(d));
        }

        return _lastVerdicts.Verdicts;
    }

    /// <summary>The segment columns; a row is a dossier and the index of one of its segments but the last (<see cref="EarlierSegments"/>).</summary>
    private static readonly Column<(DossierFacts Dossier, int Index)>[] SegmentColumns =
    [
        new("code", "text", r => r.Dossier.Code.Value), new("ord", "integer", r => r.Index),
        new("from_at", "timestamptz", r => r.Dossier.Segments[r.Index].From),
        new("to_at", "timestamptz", r => r.Dossier.Segments[r.Index + 1].From),
        new("stopped", "boolean", r => r.Dossier.Segments[r.Index].Stopped),
        new("effective_due", "timestamptz", r => r.Dossier.Segments[r.Index].EffectiveDue),
        new("overdue_day", "boolean", r => r.Dossier.Segments[r.Index].OverdueAtStopByDay),
        new("overdue_instant", "boolean", r => r.Dossier.Segments[r.Index].OverdueAtStopByInstant),
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        var facts = new Table(new PostgresqlObjectName(Schema, "pl_dossier_facts", SchemaUtils.IdentifierUsage.General));
        foreach (var (name, type, _) in FactsColumns)
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
        foreach (var (name, type, _) in SegmentColumns)
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

        return [facts, segments, Sums.SchemaObject()];
    }

    /// <summary>A query of one boolean: whether some facts row predates the verdict columns (its verdicts are null).</summary>
    public string NeedsRebuildSql => $"select exists (select 1 from {Facts} where verdict_cells is null)";

    /// <summary>The verdict sums kept with the facts rows.</summary>
    public VerdictSumsTable Sums { get; } = new(schema);

    /// <summary>
    /// The statements that replace the facts of the dossiers given as JSON arrays, keeping the verdict sums: (1) delete
    /// their segments, (2) subtract their stored verdicts, (3) upsert their facts, (4) add their new verdicts, each with
    /// the facts array as parameter; (5) insert their segments, with the segments array.
    /// </summary>
    public string[] UpsertSql(string parameter)
    {
        var codes = $"select x->>'code' from jsonb_array_elements({parameter}::jsonb) x";
        return
        [
            $"delete from {Segments} where code in ({codes})",
            Sums.ApplySql(Facts, codes, -1),
            $"insert into {Facts} select * from jsonb_populate_recordset(null::{Facts}, {parameter}::jsonb) on conflict (code) do update set {UpdateEveryColumn}",
            Sums.ApplySql(Facts, codes, +1),
            $"insert into {Segments} select * from jsonb_populate_recordset(null::{Segments}, {parameter}::jsonb)",
        ];
    }

    /// <summary>The <c>on conflict (code) do update set …</c> list that replaces every column of a facts row.</summary>
    public static string UpdateEveryColumn { get; } = string.Join(", ", FactsColumns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));

    /// <summary>
    /// Replaces every row of both tables with the given facts, in one transaction, by the same statements and JSON rows
    /// the projection writes (<see cref="UpsertAsync"/>), in chunks of 10,000 dossiers.
    /// </summary>
    public async Task<long> ReplaceAllAsync(NpgsqlDataSource dataSource, IEnumerable<DossierFacts> dossiers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"truncate {Facts}, {Segments}, {Sums.Name}", null, cancellationToken).ConfigureAwait(false);
        long count = 0;
        foreach (var chunk in dossiers.Chunk(10_000))
        {
            await UpsertAsync(connection, chunk, cancellationToken).ConfigureAwait(false);
            count += chunk.Length;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"analyze {Facts}, {Segments}, {Sums.Name}", null, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Replaces the rows of the given dossiers on an open connection (in its transaction): <see cref="UpsertSql"/> with <see cref="ToJson"/>'s rows.</summary>
    public async Task UpsertAsync(NpgsqlConnection connection, IEnumerable<DossierFacts> dossiers, CancellationToken cancellationToken)
    {
        var (facts, segments) = ToJson(dossiers);
        var sql = UpsertSql("$1");
        for (var i = 0; i < sql.Length; i++)
        {
            await ExecuteAsync(connection, sql[i], i == sql.Length - 1 ? segments : facts, cancellationToken).ConfigureAwait(false);
        }
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

    /// <summary>The binary COPY statement for the facts table, columns in <see cref="WriteFactsRow"/>'s order.</summary>
    public string CopyFactsSql => $"copy {Facts} ({string.Join(", ", FactsColumns.Select(c => c.Name))}) from stdin (format binary)";

    /// <summary>The binary COPY statement for the segments table, columns in <see cref="WriteSegmentRows"/>'s order.</summary>
    public string CopySegmentsSql => $"copy {Segments} ({string.Join(", ", SegmentColumns.Select(c => c.Name))}) from stdin (format binary)";

    /// <summary>Writes a dossier's facts row into a COPY started with <see cref="CopyFactsSql"/>.</summary>
    public static void WriteFactsRow(NpgsqlBinaryImporter copy, DossierFacts d)
    {
        copy.StartRow();
        foreach (var column in FactsColumns)
        {
            WriteValue(copy, column.Value(d));
        }
    }

    /// <summary>Writes a dossier's segment rows into a COPY started with <see cref="CopySegmentsSql"/>.</summary>
    public static void WriteSegmentRows(NpgsqlBinaryImporter copy, DossierFacts d)
    {
        for (var i = 0; i < EarlierSegments(d); i++)
        {
            copy.StartRow();
            foreach (var column in SegmentColumns)
            {
                WriteValue(copy, column.Value((d, i)));
            }
        }
    }

    private static void WriteFacts(Utf8JsonWriter w, DossierFacts d)
    {
        w.WriteStartObject();
        foreach (var column in FactsColumns)
        {
            WriteValue(w, column.Name, column.Value(d));
        }

        w.WriteEndObject();
    }

    private static void WriteSegments(Utf8JsonWriter w, DossierFacts d)
    {
        for (var i = 0; i < EarlierSegments(d); i++)
        {
            w.WriteStartObject();
            foreach (var column in SegmentColumns)
            {
                WriteValue(w, column.Name, column.Value((d, i)));
            }

            w.WriteEndObject();
        }
    }

    /// <summary>
    /// How many of a dossier's segments go to the segments table: all but the last, which the facts row holds. The
    /// window query looks a segment up only for a window ending before the last segment began, and a dossier counts in
    /// a window only if received before its end, so the first segment (from receipt) is never looked up when it is the last.
    /// </summary>
    private static int EarlierSegments(DossierFacts d) => d.Segments.Length - 1;

    private static RawJson? RatingsJson(DossierFacts d)
    {
        if (d.Ratings.IsDefaultOrEmpty)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var rating in d.Ratings)
            {
                w.WriteStartObject();
                w.WriteString("at", InstantText.Format(rating.At));
                w.WriteBoolean("satisfied", rating.Satisfied);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return new RawJson(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case string s: w.WriteString(name, s); break;
            case bool b: w.WriteBoolean(name, b); break;
            case short n: w.WriteNumber(name, n); break;
            case int n: w.WriteNumber(name, n); break;
            case Instant i: w.WriteString(name, InstantText.Format(i)); break;
            case short[] numbers:
                w.WriteStartArray(name);
                foreach (var n in numbers)
                {
                    w.WriteNumberValue(n);
                }

                w.WriteEndArray();
                break;
            case DateOnly[] dates:
                w.WriteStartArray(name);
                foreach (var date in dates)
                {
                    w.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
                break;
            case RawJson j:
                w.WritePropertyName(name);
                w.WriteRawValue(j.Json, skipInputValidation: true);
                break;
            default: throw new InvalidOperationException($"Column '{name}' has a value of unexpected type {value.GetType()}.");
        }
    }

    private static void WriteValue(NpgsqlBinaryImporter copy, object? value)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case string s: copy.Write(s, NpgsqlDbType.Text); break;
            case bool b: copy.Write(b, NpgsqlDbType.Boolean); break;
            case short n: copy.Write(n, NpgsqlDbType.Smallint); break;
            case int n: copy.Write(n, NpgsqlDbType.Integer); break;
            case Instant i: copy.Write(i.ToDateTimeUtc(), NpgsqlDbType.TimestampTz); break;
            case short[] numbers: copy.Write(numbers, NpgsqlDbType.Array | NpgsqlDbType.Smallint); break;
            case DateOnly[] dates: copy.Write(dates, NpgsqlDbType.Array | NpgsqlDbType.Date); break;
            case RawJson j: copy.Write(j.Json, NpgsqlDbType.Jsonb); break;
            default: throw new InvalidOperationException($"A facts column has a value of unexpected type {value.GetType()}.");
        }
    }

    /// <summary>A column: its name, SQL type and how a row's value is read (null, string, bool, short, int, instant or raw JSON).</summary>
    private sealed record Column<TRow>(string Name, string Type, Func<TRow, object?> Value);

    /// <summary>A value that is already JSON (a jsonb column).</summary>
    private sealed record RawJson(string Json);
}
