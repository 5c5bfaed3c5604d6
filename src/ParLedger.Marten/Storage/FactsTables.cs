using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Npgsql;
using ParLedger.Statistics;
using ParLedger.Verdicts;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The projected tables: <c>pl_dossier_facts</c> (one row per dossier: its facts, and its verdicts as the verdict sums
/// hold them), <c>pl_verdict_late</c> (its late changes of qualified points, <see cref="VerdictDelta.PointDay"/>: a
/// window reads those dated inside it) and the sums (<see cref="VerdictSumsTable"/>). Rows are written from
/// <see cref="DossierFacts"/> and <see cref="DossierVerdicts"/>, which the domain computes; SQL decides nothing.
/// </summary>
internal sealed class FactsTables(string schema, string suffix = "")
{
    public string Schema { get; } = schema;

    /// <summary>Appended to each table's name: empty for the tables readers use, <c>_rebuild</c> for those a rebuild fills.</summary>
    public string Suffix { get; } = suffix;

    public string Facts => $"{Schema}.pl_dossier_facts{Suffix}";

    public string Late => $"{Schema}.pl_verdict_late{Suffix}";

    /// <summary>The version of the verdicts a facts row holds: a store whose rows hold another is rebuilt when opened for writing.</summary>
    public const short VerdictsVersion = 2;

    /// <summary>The facts columns: name, SQL type and value, the one list behind the schema, the JSON rows and the binary COPY.</summary>
    private static readonly Column<StoredFacts>[] FactsColumns =
    [
        C("code", "text", d => d.Facts.Code.Value), C("agency", "text", d => d.Facts.Agency.Value),
        C("holding_agency", "text", d => d.Facts.HoldingAgency.Value), C("level", "text", d => Text.Of(d.Facts.Level)),
        C("field", "text", d => d.Facts.Field), C("procedure", "text", d => d.Facts.Procedure.Value),
        C("channel", "text", d => Text.Of(d.Facts.Channel)), C("fee_required", "boolean", d => d.Facts.FeeRequired),
        C("received_at", "timestamptz", d => d.Facts.ReceivedAt),
        C("terminal", "smallint", d => d.Facts.Terminal is { } t ? (short)t : null), C("terminal_at", "timestamptz", d => d.Facts.TerminalAt),
        C("timeliness_day", "smallint", d => d.Facts.TimelinessByDay is { } t ? (short)t : null),
        C("timeliness_instant", "smallint", d => d.Facts.TimelinessByInstant is { } t ? (short)t : null),
        C("electronic_result", "boolean", d => d.Facts.ElectronicResult),
        C("second_supplement_at", "timestamptz", d => d.Facts.SecondSupplementRequestAt),
        C("first_online_fee_at", "timestamptz", d => d.Facts.FirstOnlineFeePaidAt),
        C("first_digitized_at", "timestamptz", d => d.Facts.FirstDigitizedAt),
        C("first_reuse_at", "timestamptz", d => d.Facts.FirstReuseDigitizedAt),
        C("first_overdue_at", "timestamptz", d => d.Facts.FirstOverdueNoticeAt),
        C("ratings", "jsonb", d => RatingsJson(d.Facts)),

        // The dossier's verdicts (DossierVerdicts) but its late changes, day by day with their month and year: what the
        // verdict sums hold for it, so that a change of the dossier subtracts exactly what it added (VerdictSumsTable).
        // Nullable so that a store written before they existed can take the columns; opening it for writing then
        // rebuilds its facts when a row's verdicts_version is not VerdictsVersion (NeedsRebuildSql).
        C("verdicts_version", "smallint", _ => VerdictsVersion),
        C("verdict_cells", "smallint[]", d => d.Cells),
        C("verdict_changes", "smallint[]", d => d.Changes),
        C("verdict_days", "date[]", d => d.Days),
        C("verdict_months", "date[]", d => d.Months),
        C("verdict_years", "date[]", d => d.Years),
    ];

    /// <summary>
    /// The late-change columns; a row is a dossier and the index of one of its late changes (<see cref="StoredFacts.Late"/>).
    /// Few rows: a COPY writes their boxed values (<see cref="CopyBoxed"/>).
    /// </summary>
    private static readonly Column<(StoredFacts Dossier, int Index)>[] LateColumns =
    [
        new("code", "text", r => r.Dossier.Facts.Code.Value),
        new("ord", "integer", r => r.Index),
        new("cell", "smallint", r => (short)r.Dossier.Late[r.Index].Cell),
        new("point_day", "date", r => r.Dossier.Late[r.Index].PointDay!.Value.ToDateOnly()),
        new("day", "date", r => r.Dossier.Late[r.Index].Day.ToDateOnly()),
        new("change", "smallint", r => (short)r.Dossier.Late[r.Index].Change),
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        var facts = new Table(new PostgresqlObjectName(Schema, "pl_dossier_facts", SchemaUtils.IdentifierUsage.General));
        foreach (var (name, type, _, _) in FactsColumns)
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

        var late = new Table(new PostgresqlObjectName(Schema, "pl_verdict_late", SchemaUtils.IdentifierUsage.General));
        foreach (var (name, type, _, _) in LateColumns)
        {
            var column = late.AddColumn(name, type);
            if (name is "code" or "ord")
            {
                column.AsPrimaryKey();
            }
            else
            {
                column.NotNull();
            }
        }

        // A window reads the late changes dated inside it.
        late.Indexes.Add(new IndexDefinition("pl_verdict_late_day") { Columns = ["day"] });

        return [facts, late, Sums.SchemaObject()];
    }

    /// <summary>A query of one boolean: whether some facts row holds verdicts of another version (or none, written before they existed).</summary>
    public string NeedsRebuildSql => $"select exists (select 1 from {Facts} where verdicts_version is distinct from {VerdictsVersion})";

    /// <summary>The verdict sums kept with the facts rows.</summary>
    public VerdictSumsTable Sums { get; } = new(schema, "pl_verdict_sums" + suffix);

    /// <summary>
    /// The statements that replace the facts of the dossiers given as JSON arrays, keeping the verdict sums: (1) delete
    /// their late changes, (2) subtract their stored verdicts, (3) upsert their facts, (4) add their new verdicts, each with
    /// the facts array as parameter; (5) insert their late changes, with the late-changes array.
    /// </summary>
    public string[] UpsertSql(string parameter)
    {
        var codes = $"select x->>'code' from jsonb_array_elements({parameter}::jsonb) x";
        return
        [
            $"delete from {Late} where code in ({codes})",
            Sums.ApplySql(Facts, codes, -1),
            $"insert into {Facts} select * from jsonb_populate_recordset(null::{Facts}, {parameter}::jsonb) on conflict (code) do update set {UpdateEveryColumn}",
            Sums.ApplySql(Facts, codes, +1),
            $"insert into {Late} select * from jsonb_populate_recordset(null::{Late}, {parameter}::jsonb)",
        ];
    }

    /// <summary>The <c>on conflict (code) do update set …</c> list that replaces every column of a facts row.</summary>
    public static string UpdateEveryColumn { get; } = string.Join(", ", FactsColumns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));

    /// <summary>Replaces the rows of the given dossiers on an open connection (in its transaction): <see cref="UpsertSql"/> with <see cref="ToJson"/>'s rows.</summary>
    public async Task UpsertAsync(NpgsqlConnection connection, IEnumerable<DossierFacts> dossiers, CancellationToken cancellationToken)
    {
        var (facts, late) = ToJson(dossiers.Select(StoredFacts.Of));
        var sql = UpsertSql("$1");
        for (var i = 0; i < sql.Length; i++)
        {
            await ExecuteAsync(connection, sql[i], i == sql.Length - 1 ? late : facts, cancellationToken).ConfigureAwait(false);
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

    public static (string Facts, string Late) ToJson(IEnumerable<StoredFacts> dossiers)
    {
        using var factsBuffer = new MemoryStream();
        using var lateBuffer = new MemoryStream();
        using (var f = new Utf8JsonWriter(factsBuffer, WriterOptions))
        using (var s = new Utf8JsonWriter(lateBuffer, WriterOptions))
        {
            f.WriteStartArray();
            s.WriteStartArray();
            foreach (var d in dossiers)
            {
                WriteFacts(f, d);
                WriteLate(s, d);
            }

            f.WriteEndArray();
            s.WriteEndArray();
        }

        return (Encoding.UTF8.GetString(factsBuffer.ToArray()), Encoding.UTF8.GetString(lateBuffer.ToArray()));
    }

    /// <summary>The binary COPY statement of facts rows into a table shaped like the facts table (a temporary one of an audit).</summary>
    public static string CopyFactsInto(string table, params string[] more) =>
        $"copy {table} ({string.Join(", ", FactsColumns.Select(c => c.Name).Concat(more))}) from stdin (format binary)";

    /// <summary>The binary COPY statement of late-change rows into a table shaped like the late-changes table.</summary>
    public static string CopyLateInto(string table) => $"copy {table} ({string.Join(", ", LateColumns.Select(c => c.Name))}) from stdin (format binary)";

    /// <summary>Copies the facts rows of <paramref name="dossiers"/> into <paramref name="table"/> (the facts table, or one shaped like it) by binary COPY.</summary>
    public static async Task CopyFactsAsync(NpgsqlConnection connection, string table, IEnumerable<StoredFacts> dossiers, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, CopyFactsInto(table), cancellationToken).ConfigureAwait(false);
        foreach (var dossier in dossiers)
        {
            WriteFactsRow(copy, dossier);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the late-change rows of <paramref name="dossiers"/> into <paramref name="table"/> (the late-changes table, or one shaped like it) by binary COPY.</summary>
    public static async Task CopyLateAsync(NpgsqlConnection connection, string table, IEnumerable<StoredFacts> dossiers, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, CopyLateInto(table), cancellationToken).ConfigureAwait(false);
        foreach (var dossier in dossiers)
        {
            WriteLateRows(copy, dossier);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a dossier's facts row into a COPY started with <see cref="CopyFactsInto"/>; <paramref name="more"/> columns of that statement follow, written by the caller.</summary>
    public static void WriteFactsRow(BinaryCopyWriter copy, StoredFacts d, int more = 0)
    {
        copy.StartRow((short)(FactsColumns.Length + more));
        foreach (var column in FactsColumns)
        {
            column.Copy!(copy, d);
        }
    }

    /// <summary>Writes a dossier's late-change rows into a COPY started with <see cref="CopyLateInto"/>.</summary>
    private static void WriteLateRows(BinaryCopyWriter copy, StoredFacts d)
    {
        for (var i = 0; i < d.Late.Length; i++)
        {
            copy.StartRow((short)LateColumns.Length);
            foreach (var column in LateColumns)
            {
                CopyBoxed(copy, column.Name, column.Value((d, i)));
            }
        }
    }

    /// <summary>Writes a boxed value of a column of the late changes (text, integer, smallint or date) to a binary COPY.</summary>
    private static void CopyBoxed(BinaryCopyWriter copy, string name, object? value)
    {
        switch (value)
        {
            case string s: copy.WriteText(s); break;
            case int i: copy.Write(i); break;
            case short h: copy.Write(h); break;
            case DateOnly day: copy.Write(day); break;
            default: throw new InvalidOperationException($"Column '{name}' has a value of unexpected type {value?.GetType().ToString() ?? "null"}.");
        }
    }

    private static void WriteFacts(Utf8JsonWriter w, StoredFacts d)
    {
        w.WriteStartObject();
        foreach (var column in FactsColumns)
        {
            WriteValue(w, column.Name, column.Value(d));
        }

        w.WriteEndObject();
    }

    private static void WriteLate(Utf8JsonWriter w, StoredFacts d)
    {
        for (var i = 0; i < d.Late.Length; i++)
        {
            w.WriteStartObject();
            foreach (var column in LateColumns)
            {
                WriteValue(w, column.Name, column.Value((d, i)));
            }

            w.WriteEndObject();
        }
    }

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
            case DateOnly date: w.WriteString(name, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
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

    /// <summary>
    /// A column: its name, SQL type and how a row's value is read (null, string, bool, short, int, date, instant or raw
    /// JSON); for the facts columns also how it is written to a binary COPY without boxing (<see cref="C(string, string, Func{StoredFacts, string})"/>
    /// and its overloads, chosen by the value's type).
    /// </summary>
    private sealed record Column<TRow>(string Name, string Type, Func<TRow, object?> Value, Action<BinaryCopyWriter, TRow>? Copy = null);

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, string> get) =>
        new(name, type, d => get(d), (copy, d) => copy.WriteText(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, bool> get) =>
        new(name, type, d => get(d), (copy, d) => copy.Write(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, short?> get) =>
        new(name, type, d => get(d), (copy, d) => copy.Write(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, Instant?> get) =>
        new(name, type, d => get(d), (copy, d) => copy.Write(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, short[]> get) =>
        new(name, type, d => get(d), (copy, d) => copy.Write(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, DateOnly[]> get) =>
        new(name, type, d => get(d), (copy, d) => copy.Write(get(d)));

    private static Column<StoredFacts> C(string name, string type, Func<StoredFacts, RawJson?> get) =>
        new(name, type, d => get(d), (copy, d) =>
        {
            if (get(d) is { } value)
            {
                copy.WriteJsonb(value.Json);
            }
            else
            {
                copy.WriteNull();
            }
        });

    /// <summary>A value that is already JSON (a jsonb column).</summary>
    private sealed record RawJson(string Json);
}
