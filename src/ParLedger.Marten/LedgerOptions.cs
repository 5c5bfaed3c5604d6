using System.Text.RegularExpressions;
using JasperFx.Events.Projections;

namespace ParLedger.Marten;

/// <summary>How a <see cref="DossierLedger"/> reaches and lays out its PostgreSQL store.</summary>
public sealed partial record LedgerOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="schema">The database schema holding the event store and the projected tables; default <c>parledger</c>.
    /// Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.</param>
    /// <param name="factsLifecycle">
    /// When the dossier-facts projection runs: <see cref="ProjectionLifecycle.Inline"/> (default, in the same transaction as
    /// every append) or <see cref="ProjectionLifecycle.Async"/> (by Marten's async daemon).
    /// </param>
    /// <exception cref="ArgumentException">The connection string is empty or the schema name is not a plain identifier.</exception>
    public LedgerOptions(string connectionString, string schema = "parledger", ProjectionLifecycle factsLifecycle = ProjectionLifecycle.Inline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (schema is null || !SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a schema name ParLedger accepts: lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(schema));
        }

        ConnectionString = connectionString;
        Schema = schema;
        FactsLifecycle = factsLifecycle;
    }

    /// <summary>The PostgreSQL connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The database schema holding the event store and the projected tables.</summary>
    public string Schema { get; }

    /// <summary>When the dossier-facts projection runs.</summary>
    public ProjectionLifecycle FactsLifecycle { get; }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
