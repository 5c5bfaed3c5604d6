using JasperFx.Events.Projections;

namespace ParLedger.Marten;

/// <summary>How a <see cref="DossierLedger"/> reaches and lays out its PostgreSQL store.</summary>
/// <param name="ConnectionString">The PostgreSQL connection string.</param>
/// <param name="Schema">The database schema holding the event store and the projected tables; default <c>parledger</c>.</param>
/// <param name="FactsLifecycle">
/// When the dossier-facts projection runs: <see cref="ProjectionLifecycle.Inline"/> (default, in the same transaction as
/// every append) or <see cref="ProjectionLifecycle.Async"/> (by Marten's async daemon).
/// </param>
public sealed record LedgerOptions(string ConnectionString, string Schema = "parledger", ProjectionLifecycle FactsLifecycle = ProjectionLifecycle.Inline);
