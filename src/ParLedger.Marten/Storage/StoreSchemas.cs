using Npgsql;

namespace ParLedger.Marten.Storage;

/// <summary>Finds the schemas of a database that hold a ParLedger store, without creating or altering anything.</summary>
internal static class StoreSchemas
{
    /// <summary>The tables a ParLedger store consists of: Marten's event tables and the projected tables.</summary>
    public static readonly string[] Tables = ["mt_events", "mt_streams", "pl_dossier_facts", "pl_due_segments", "pl_verdict_sums"];

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
