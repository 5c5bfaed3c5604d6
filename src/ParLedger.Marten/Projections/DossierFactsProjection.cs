using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;
using ParLedger.Marten.Storage;
using ParLedger.Statistics;

namespace ParLedger.Marten.Projections;

/// <summary>
/// Keeps <c>pl_dossier_facts</c> and <c>pl_verdict_late</c> up to date: for every dossier touched by a batch of
/// events, it reads the dossier's whole stream, puts it in business order (a late event takes its place by
/// <c>at</c>), folds it with the domain's <see cref="DossierFacts.FromHistory(ParLedger.Codes.DossierCode, IEnumerable{ParLedger.Events.DossierEvent})"/> and replaces the dossier's rows.
/// Runs inline (same transaction as the append) or in Marten's async daemon.
/// </summary>
internal sealed class DossierFactsProjection : IProjection
{
    public const string Name = "dossier_facts";

    private readonly FactsTables _tables;

    public DossierFactsProjection(FactsTables tables) => _tables = tables;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var keys = events.Select(e => e.StreamKey!).Distinct(StringComparer.Ordinal).ToArray();
        var stored = await operations.Events.QueryAllRawEvents()
            .Where(e => keys.Contains(e.StreamKey))
            .ToListAsync(cancellation).ConfigureAwait(false);

        var facts = stored.Concat(events)
            .DistinctBy(e => e.Id)
            .GroupBy(e => e.StreamKey!, StringComparer.Ordinal)
            .Select(stream => DossierFacts.FromHistory(
                new DossierCode(stream.Key),
                BusinessOrder.Sort(stream.OrderBy(e => e.Version).Select(e => (DossierEvent)e.Data))))
            .OfType<DossierFacts>()
            .ToList();
        if (facts.Count == 0)
        {
            return;
        }

        var (factsJson, lateJson) = FactsTables.ToJson(facts.Select(StoredFacts.Of));
        var sql = _tables.UpsertSql("?");
        for (var i = 0; i < sql.Length; i++)
        {
            operations.QueueSqlCommand(sql[i], i == sql.Length - 1 ? lateJson : factsJson);
        }
    }
}
