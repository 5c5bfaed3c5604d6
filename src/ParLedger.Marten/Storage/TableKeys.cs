using Npgsql;

namespace ParLedger.Marten.Storage;

/// <summary>
/// A table's keys and indexes as the catalog defines them: its foreign, primary and unique keys (constraints) and the
/// indexes that back no constraint. Read by the loads that drop or leave out a table's indexes and build them after the
/// rows are in (an empty store's import, a rebuild), so that what they re-create is whatever the table had, not a list
/// written in code.
/// </summary>
internal static class TableKeys
{
    /// <summary>One key or index: <see cref="Kind"/> is <c>f</c>, <c>p</c> or <c>u</c> for a constraint, <c>i</c> for an index.</summary>
    /// <param name="Kind">Foreign, primary or unique key, or plain index.</param>
    /// <param name="Name">Its name, quoted (an index's qualified by its schema).</param>
    /// <param name="Definition">A constraint's <c>pg_get_constraintdef</c> or an index's <c>pg_get_indexdef</c>.</param>
    public sealed record Key(char Kind, string Name, string Definition)
    {
        public bool IsConstraint => Kind != 'i';
    }

    /// <summary>The table's keys and indexes: foreign keys first, then primary and unique keys, then plain indexes.</summary>
    public static async Task<List<Key>> ReadAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select contype::text, quote_ident(conname), pg_get_constraintdef(oid), case contype when 'f' then 0 else 1 end
            from pg_constraint where conrelid = $1::regclass and contype in ('f', 'p', 'u')
            union all
            select 'i', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), 2
            from pg_index i where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
            order by 4, 2
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var keys = new List<Key>();
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            keys.Add(new Key(rows.GetString(0)[0], rows.GetString(1), rows.GetString(2)));
        }

        return keys;
    }
}
