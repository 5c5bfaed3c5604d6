namespace ParLedger.Marten;

/// <summary>
/// A ledger was opened for reading where no ParLedger store exists (a mistyped schema, the wrong database): read
/// commands never create one, so they fail instead of reporting an empty store.
/// </summary>
public sealed class StoreNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="schema">The schema that was asked for.</param>
    /// <param name="database">The database's name, if known.</param>
    /// <param name="storeSchemas">The schemas of that database that do hold a ParLedger store (as far as the role can see).</param>
    public StoreNotFoundException(string schema, string? database, IReadOnlyList<string> storeSchemas)
        : base(Describe(schema, database, storeSchemas))
    {
        Schema = schema;
        Database = database;
        StoreSchemas = storeSchemas;
    }

    /// <summary>The schema that was asked for.</summary>
    public string Schema { get; }

    /// <summary>The database's name, if known.</summary>
    public string? Database { get; }

    /// <summary>The schemas of the database that hold a ParLedger store.</summary>
    public IReadOnlyList<string> StoreSchemas { get; }

    private static string Describe(string schema, string? database, IReadOnlyList<string> storeSchemas)
    {
        ArgumentNullException.ThrowIfNull(storeSchemas);
        var where = database is null ? string.Empty : $" of database '{database}'";
        var others = storeSchemas.Count == 0
            ? "no schema of this database holds one (import a history first)"
            : $"schemas holding one: {string.Join(", ", storeSchemas)}";
        return $"no ParLedger store in schema '{schema}'{where}; {others}.";
    }
}
