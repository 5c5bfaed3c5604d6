using System.Text.Json;
using CsCheck;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Marten.Storage;
using ParLedger.Marten.Tests.Infrastructure;

namespace ParLedger.Marten.Tests;

/// <summary>
/// Issue 12: the binary COPY writer encodes every column type ParLedger's tables use exactly as Npgsql's
/// <see cref="NpgsqlBinaryImporter"/> does (the reference: the same random rows go through both into twin tables, which
/// must hold the same rows), and keeps the importer's behaviour at the edges (the server's errors, a cancelled COPY).
/// </summary>
public class BinaryCopyWriterTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Columns = "s smallint, i integer, l bigint, b boolean, g uuid, t text, v varchar, j jsonb, ts timestamptz, d date, ss smallint[], ds date[], ns smallint, nts timestamptz, nt text, jb jsonb";

    /// <summary>Text of Vietnamese letters, JSON's special characters and, sometimes, characters beyond the BMP (surrogate pairs in UTF-16).</summary>
    private static readonly Gen<string> Text = Gen.Select(
        Gen.String[Gen.Char["aZz09 .-_/ĐđăâêôơưạảấầẩẫậỹỳỷỵÝ\"\\{}'\n\t€"], 0, 30], Gen.Bool, (text, astral) => astral ? text + "😀𝄞" : text);

    /// <summary>Any instant DateTime can hold but its two ends (which both writers map to infinities; tested on their own).</summary>
    private static readonly Gen<DateTime> Timestamps = Gen.Long[1, DateTime.MaxValue.Ticks - 1].Select(t => new DateTime(t, DateTimeKind.Utc));

    private static readonly Gen<DateOnly> Dates = Gen.Int[1, DateOnly.MaxValue.DayNumber - 1].Select(DateOnly.FromDayNumber);

    private static readonly Gen<(short, int, long, bool, Guid, string, string, string)> Scalars =
        Gen.Select(Gen.Short, Gen.Int, Gen.Long, Gen.Bool, Gen.Guid, Text, Text, Text);

    private static readonly Gen<Row> Rows = Gen.Select(
        Scalars, Timestamps, Dates, Gen.Short.Array[0, 12], Dates.Array[0, 12], Gen.Short.Nullable(), Timestamps.Nullable(), Gen.Bool, Text,
        (x, ts, d, ss, ds, ns, nts, hasText, nt) =>
        {
            var (s, i, l, b, g, t, v, json) = x;
            return new Row(
                s, i, l, b, g, t, v, JsonSerializer.Serialize(new { k = json, n = i }), ts, d, ss, ds, ns,
                nts is { } instant ? Instant.FromDateTimeUtc(instant) : null, hasText ? nt : null);
        });

    [Fact]
    public async Task Random_rows_written_by_the_binary_copy_writer_are_the_rows_Npgsqls_importer_writes()
    {
        await Rows.List[1, 40].SampleAsync(WrittenBothWaysAsync, iter: 60);
    }

    [Fact]
    public async Task Many_rows_and_a_value_larger_than_the_buffer_go_through_in_several_sends()
    {
        var rows = Rows.List[20_000].Select(list =>
        {
            list[7_000] = list[7_000] with { T = new string('Đ', 400_000), Ss = [.. Enumerable.Range(0, 100_000).Select(n => (short)n)] };
            return list;
        });

        await rows.SampleAsync(WrittenBothWaysAsync, iter: 1);
    }

    [Fact]
    public async Task The_ends_of_DateTime_and_DateOnly_are_the_infinities_Npgsql_writes_for_them()
    {
        var row = Rows.Single() with { Ts = DateTime.MinValue, D = DateOnly.MaxValue, Ds = [DateOnly.MinValue, DateOnly.MaxValue], Nts = null };
        var other = row with { Ts = DateTime.MaxValue, D = DateOnly.MinValue };

        (await WrittenBothWaysAsync([row, other])).Should().BeTrue();
    }

    [Fact]
    public async Task A_lone_surrogate_is_refused_as_Npgsql_refuses_it_instead_of_being_stored_as_a_replacement_character()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_text (t text)");
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_text (t) from stdin (format binary)", CancellationToken.None);
        copy.StartRow(1);

        copy.Invoking(c => c.WriteText("a\uD800b")).Should().Throw<System.Text.EncoderFallbackException>();
    }

    [Fact]
    public async Task A_copy_cancelled_while_it_completes_reports_the_cancellation_not_a_failure_of_its_own_disposal()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_interrupted (k integer)");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var write = async () =>
        {
            await using var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_interrupted (k) from stdin (format binary)", CancellationToken.None);
            copy.StartRow(1);
            copy.Write(1);
            await copy.CompleteAsync(cancelled.Token);
        };

        await write.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_copy_whose_connection_is_lost_reports_that_loss_not_a_failure_of_its_own_disposal()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_lost (k integer)");
        var backend = connection.ProcessID;

        var write = async () =>
        {
            await using var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_lost (k) from stdin (format binary)", CancellationToken.None);
            copy.StartRow(1);
            copy.Write(1);
            await using (var admin = await OpenAsync())
            {
                await Execute(admin, $"select pg_terminate_backend({backend})");
            }

            await copy.CompleteAsync(CancellationToken.None);
        };

        (await write.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(
            e => e is NpgsqlException || e is IOException, "the connection's loss is what went wrong, not the disposal after it");
    }

    [Fact]
    public async Task The_servers_error_surfaces_from_CompleteAsync_and_nothing_is_stored()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_keyed (k integer primary key)");

        var write = async () =>
        {
            await using var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_keyed (k) from stdin (format binary)", CancellationToken.None);
            foreach (var k in new[] { 1, 2, 1 })
            {
                copy.StartRow(1);
                copy.Write(k);
            }

            await copy.CompleteAsync(CancellationToken.None);
        };

        (await write.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await CountAsync(connection, "pl_keyed")).Should().Be(0);
    }

    [Fact]
    public async Task A_copy_disposed_before_it_completes_stores_nothing_and_leaves_the_connection_usable()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_cancelled (k integer)");
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_cancelled (k) from stdin (format binary)", CancellationToken.None))
        {
            copy.StartRow(1);
            copy.Write(5);
        }

        (await CountAsync(connection, "pl_cancelled")).Should().Be(0);
    }

    [Fact]
    public async Task A_row_given_fewer_or_more_values_than_it_declared_is_refused_before_anything_is_sent()
    {
        await using var connection = await OpenAsync();
        await Execute(connection, "create temp table pl_counted (a integer, b integer)");
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, "copy pl_counted (a, b) from stdin (format binary)", CancellationToken.None);
        copy.StartRow(2);
        copy.Write(1);

        copy.Invoking(c => c.StartRow(2)).Should().Throw<InvalidOperationException>().WithMessage("A binary COPY row was given 1 of its 2 values.");
        copy.Write(2);
        copy.Invoking(c => c.Write(3)).Should().Throw<InvalidOperationException>().WithMessage("A binary COPY row was given more than its 2 values*");
    }

    /// <summary>Writes the rows into one table with the writer and into its twin with Npgsql's importer; true when both hold the same rows.</summary>
    private async Task<bool> WrittenBothWaysAsync(IReadOnlyList<Row> rows)
    {
        await using var connection = await OpenAsync();
        await Execute(connection, $"create temp table pl_ours ({Columns}); create temp table pl_npgsql ({Columns})");
        var copySql = "copy {0} (s, i, l, b, g, t, v, j, ts, d, ss, ds, ns, nts, nt, jb) from stdin (format binary)";

        await using (var ours = await BinaryCopyWriter.BeginAsync(connection, string.Format(copySql, "pl_ours"), CancellationToken.None))
        {
            foreach (var r in rows)
            {
                ours.StartRow(16);
                ours.Write(r.S);
                ours.Write(r.I);
                ours.Write(r.L);
                ours.Write(r.B);
                ours.Write(r.G);
                ours.WriteText(r.T);
                ours.WriteText(r.V);
                ours.WriteJsonb(r.Json);
                ours.Write(r.Ts);
                ours.Write(r.D);
                ours.Write(r.Ss);
                ours.Write(r.Ds);
                ours.Write(r.Ns);
                ours.Write(r.Nts);
                if (r.Nt is null)
                {
                    ours.WriteNull();
                }
                else
                {
                    ours.WriteText(r.Nt);
                }

                ours.WriteJsonb(System.Text.Encoding.UTF8.GetBytes(r.Json));
            }

            await ours.CompleteAsync(CancellationToken.None);
        }

        await using (var npgsql = await connection.BeginBinaryImportAsync(string.Format(copySql, "pl_npgsql")))
        {
            foreach (var r in rows)
            {
                await npgsql.StartRowAsync();
                await npgsql.WriteAsync(r.S, NpgsqlDbType.Smallint);
                await npgsql.WriteAsync(r.I, NpgsqlDbType.Integer);
                await npgsql.WriteAsync(r.L, NpgsqlDbType.Bigint);
                await npgsql.WriteAsync(r.B, NpgsqlDbType.Boolean);
                await npgsql.WriteAsync(r.G, NpgsqlDbType.Uuid);
                await npgsql.WriteAsync(r.T, NpgsqlDbType.Text);
                await npgsql.WriteAsync(r.V, NpgsqlDbType.Varchar);
                await npgsql.WriteAsync(r.Json, NpgsqlDbType.Jsonb);
                await npgsql.WriteAsync(r.Ts, NpgsqlDbType.TimestampTz);
                await npgsql.WriteAsync(r.D, NpgsqlDbType.Date);
                await npgsql.WriteAsync(r.Ss, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                await npgsql.WriteAsync(r.Ds, NpgsqlDbType.Array | NpgsqlDbType.Date);
                await WriteOrNullAsync(npgsql, r.Ns, NpgsqlDbType.Smallint);
                await WriteOrNullAsync(npgsql, r.Nts?.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(npgsql, r.Nt, NpgsqlDbType.Text);
                await npgsql.WriteAsync(r.Json, NpgsqlDbType.Jsonb);
            }

            await npgsql.CompleteAsync();
        }

        var differing = await CountAsync(connection, "(select * from pl_ours except all select * from pl_npgsql) x")
            + await CountAsync(connection, "(select * from pl_npgsql except all select * from pl_ours) x");
        return differing == 0 && await CountAsync(connection, "pl_ours") == rows.Count;
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, type);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string relation)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {relation}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Row(
        short S, int I, long L, bool B, Guid G, string T, string V, string Json, DateTime Ts, DateOnly D, short[] Ss, DateOnly[] Ds, short? Ns, Instant? Nts, string? Nt);
}
