using Npgsql;

namespace ParLedger.Marten.Storage;

/// <summary>Finds the schemas of a database that hold a ParLedger store, without creating or altering anything.</summary>
internal static class StoreSchemas
{
    /// <summary>The tables that make a schema a ParLedger store, of any version: Marten's event tables and the facts table.</summary>
    public static readonly string[] Tables = ["mt_events", "mt_streams", "pl_dossier_facts"];

    /// <summary>
    /// Whether the store in <paramref name="schema"/> has the projected tables of this version (the late changes table,
    /// the facts rows' verdicts version): a store written by an earlier version is upgraded when opened for writing.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select exists (select 1 from information_schema.columns where table_schema = $1 and table_name = 'pl_dossier_facts' and column_name = 'verdicts_version')
               and exists (select 1 from information_schema.tables where table_schema = $1 and table_name = 'pl_verdict_late')
               and exists (select 1 from information_schema.tables where table_schema = $1 and table_name = 'pl_verdict_sums')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The schemas (visible to the connection's role) that hold every table of a ParLedger store, ordinally sorted.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select n.nspname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and c.relname = any($1)
            group by n.nspname having count(distinct c.relname) = cardinality($1)
            order by n.nspname collate "C"
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Tables });
        var schemas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            schemas.Add(reader.GetString(0));
        }

        return schemas;
    }
}
