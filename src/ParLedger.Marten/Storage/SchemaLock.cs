using System.Text;
using Npgsql;

namespace ParLedger.Marten.Storage;

/// <summary>
/// A PostgreSQL session-level advisory lock that serialises schema creation and updates of one ledger schema across
/// processes: without it two first imports into a fresh database race on Marten's DDL and the loser fails.
/// </summary>
internal static class SchemaLock
{
    /// <summary>Waits for the schema's lock on this connection.</summary>
    public static async Task AcquireAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = KeyOf(schema) } } };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the schema's lock held on this connection.</summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = KeyOf(schema) } } };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lock's key: a stable 64-bit FNV-1a hash of <c>parledger.schema:</c> and the schema's name.</summary>
    internal static long KeyOf(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("parledger.schema:" + schema))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
