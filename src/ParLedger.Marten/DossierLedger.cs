using System.Runtime.CompilerServices;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Exceptions;
using Npgsql;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Lifecycle;
using ParLedger.Marten.Projections;
using ParLedger.Marten.Storage;
using ParLedger.Periods;
using ParLedger.Replay;
using ParLedger.Statistics;
using Weasel.Core;

namespace ParLedger.Marten;

/// <summary>
/// The dossier ledger on PostgreSQL: each dossier is a Marten event stream keyed by its code, with event type
/// names as in SPEC §2. Appends are validated against the lifecycle rules and use optimistic concurrency; a
/// projection keeps the facts every report is one SQL query over.
/// </summary>
public sealed partial class DossierLedger : IAsyncDisposable
{
    private readonly FactsTables _tables;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<DocumentStore> _store;
    private readonly Lazy<MartenEventTables> _events;

    private DossierLedger(LedgerOptions options, Lazy<DocumentStore> store, FactsTables tables, NpgsqlDataSource dataSource)
    {
        Options = options;
        _store = store;
        _tables = tables;
        _dataSource = dataSource;
        _events = new Lazy<MartenEventTables>(() => new MartenEventTables(store.Value));
    }

    /// <summary>The options the ledger was opened with.</summary>
    public LedgerOptions Options { get; }

    /// <summary>
    /// The underlying Marten store, built on first use (in memory, no database work when opened with
    /// <see cref="OpenExistingAsync"/>): window reports read the projected tables directly and never need it, so they
    /// do not pay for configuring Marten; reading the event log (export, as-of reports) builds it for the event tables'
    /// layout.
    /// </summary>
    public IDocumentStore Store => _store.Value;

    /// <summary>The name of the dossier-facts projection, for Marten's daemon and rebuilds.</summary>
    public static string FactsProjectionName => DossierFactsProjection.Name;

    /// <summary>Configures Marten for ParLedger: string stream keys, SPEC event type names, JSON, the facts projection and tables.</summary>
    /// <param name="marten">Marten's options.</param>
    /// <param name="options">The ledger's options.</param>
    public static void Configure(StoreOptions marten, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(marten);
        ArgumentNullException.ThrowIfNull(options);
        marten.Connection(options.ConnectionString);
        marten.DatabaseSchemaName = options.Schema;
        marten.Events.DatabaseSchemaName = options.Schema;
        marten.Events.StreamIdentity = StreamIdentity.AsString;
        marten.Events.AppendMode = EventAppendMode.Rich;
        marten.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        marten.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.SnakeCase, EventJson.Configure);
        foreach (var (name, type) in EventTypes.ByName)
        {
            marten.Events.MapEventType(type, name);
        }

        var tables = new FactsTables(options.Schema);
        marten.Storage.ExtendedSchemaObjects.AddRange(tables.SchemaObjects());
        marten.Projections.Add(new DossierFactsProjection(tables), options.FactsLifecycle, DossierFactsProjection.Name, async => async.BatchSize = 5000);
    }

    /// <summary>
    /// Opens the ledger for writing and creates or updates its schema (Marten's tables and the projected tables). Schema
    /// changes are serialised across processes by a PostgreSQL advisory lock on the schema's name, so two first imports
    /// into a fresh database both succeed.
    /// </summary>
    /// <param name="options">Where the store is.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The open ledger.</returns>
    public static async Task<DossierLedger> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = DocumentStore.For(marten => Configure(marten, options));
        var dataSource = NpgsqlDataSource.Create(ForReports(options.ConnectionString));
        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await SchemaLock.AcquireAsync(connection, options.Schema, cancellationToken).ConfigureAwait(false);
                try
                {
                    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await SchemaLock.ReleaseAsync(connection, options.Schema, CancellationToken.None).ConfigureAwait(false);
                }
            }

            var ledger = new DossierLedger(options, new Lazy<DocumentStore>(store), new FactsTables(options.Schema), dataSource);
            _ = ledger._events.Value; // Checks Marten's columns against what the import writes, where the ledger opens for writing.
            await using (var stale = dataSource.CreateCommand(ledger._tables.NeedsRebuildSql))
            {
                if ((bool)(await stale.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    // A store written before the verdict sums existed: its projected tables are rebuilt from the events once.
                    await ledger.RebuildAsync(null, cancellationToken).ConfigureAwait(false);
                }
            }

            return ledger;
        }
        catch
        {
            store.Dispose();
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens an existing ledger without creating or altering anything in the database: what read commands use
    /// (reports, exports, audits). Marten is configured never to create schema objects.
    /// </summary>
    /// <param name="options">Where the store is.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The open ledger.</returns>
    /// <exception cref="StoreNotFoundException">The schema holds no ParLedger store; the exception lists the schemas that do.</exception>
    public static async Task<DossierLedger> OpenExistingAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataSource = NpgsqlDataSource.Create(ForReports(options.ConnectionString));
        try
        {
            var tables = new FactsTables(options.Schema);
            var stores = await StoreSchemas.FindAsync(dataSource, cancellationToken).ConfigureAwait(false);
            if (!stores.Contains(options.Schema, StringComparer.Ordinal))
            {
                throw new StoreNotFoundException(options.Schema, new NpgsqlConnectionStringBuilder(options.ConnectionString).Database, stores);
            }

            if (!await StoreSchemas.IsCurrentAsync(dataSource, options.Schema, cancellationToken).ConfigureAwait(false))
            {
                throw new StoreChangedException(
                    $"the store in schema '{options.Schema}' was projected by an earlier version of ParLedger, and reading it does not change it; " +
                    "import any history into it once (even one already imported: nothing is stored twice) to rebuild its projections.");
            }

            var store = new Lazy<DocumentStore>(() => DocumentStore.For(marten =>
            {
                Configure(marten, options);
                marten.AutoCreateSchemaObjects = AutoCreate.None;
            }));
            return new DossierLedger(options, store, tables, dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The ledger's own connections (window reports, import, export) run with PostgreSQL's JIT and parallel query off:
    /// a report sums a few tens of thousands of rows, where compiling (measured 180 ms of a 300 ms query before the
    /// verdict sums) and starting workers cost more than they save (by procedure, Đồng Tháp history: 72–99 ms with two
    /// workers, 30–44 ms serial, on this 2-core machine). The bulk writes are not parallel in PostgreSQL anyway.
    /// </summary>
    private static string ForReports(string connectionString)
    {
        const string settings = "-c jit=off -c max_parallel_workers_per_gather=0";
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? settings : $"{builder.Options} {settings}";
        return builder.ConnectionString;
    }

    /// <summary>Loads a dossier, validated, with its version; <see langword="null"/> when no such dossier exists.</summary>
    /// <param name="code">The dossier's code.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dossier or <see langword="null"/>.</returns>
    public async Task<Dossier?> LoadAsync(DossierCode code, CancellationToken cancellationToken = default)
    {
        await using var session = Store.LightweightSession();
        var events = await session.Events.FetchStreamAsync(code.Value, token: cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : Dossier.FromHistory(code, events.Select(e => (DossierEvent)e.Data));
    }

    /// <summary>
    /// A seam for tests only: awaited by <see cref="RecordAsync"/> after its version pre-check and lifecycle check,
    /// just before it saves, so that a test can hold several clerks there and release them together.
    /// </summary>
    internal Func<DossierCode, CancellationToken, Task>? BeforeSaveForTests { get; set; }

    /// <summary>
    /// Records events on a dossier that was read at <paramref name="expectedVersion"/> (0 for a new dossier, whose
    /// first event must be <c>received</c>). The whole history is checked against SPEC §2 first. If another clerk
    /// appended in between, nothing is stored and <see cref="DossierConcurrencyException"/> is thrown.
    /// </summary>
    /// <remarks>
    /// The database decides: the append is saved with the stream version it expects, and PostgreSQL refuses it when
    /// another append landed first, however close together the two came. The version read beforehand only lets a
    /// clerk who is already behind fail early, with the same exception and without a store error behind it.
    /// </remarks>
    /// <param name="code">The dossier's code.</param>
    /// <param name="expectedVersion">The version the decision was based on.</param>
    /// <param name="events">The new events, in the order they are recorded.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dossier after the append.</returns>
    /// <exception cref="LifecycleViolationException">An event breaks a lifecycle rule.</exception>
    /// <exception cref="DossierConcurrencyException">The dossier changed since <paramref name="expectedVersion"/>.</exception>
    public async Task<Dossier> RecordAsync(DossierCode code, long expectedVersion, IReadOnlyList<DossierEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Nothing to record.", nameof(events));
        }

        // Early, for a clear message only: the check that counts is the database's, at the save below.
        var current = expectedVersion == 0 ? null : await LoadAsync(code, cancellationToken).ConfigureAwait(false);
        if (expectedVersion != 0 && (current is null || current.Version != expectedVersion))
        {
            throw new DossierConcurrencyException(code, expectedVersion);
        }

        var dossier = current ?? Dossier.FromHistory(code, [events[0]]);
        foreach (var e in current is null ? events.Skip(1) : events)
        {
            dossier = dossier.Record(e);
        }

        if (BeforeSaveForTests is { } beforeSave)
        {
            await beforeSave(code, cancellationToken).ConfigureAwait(false);
        }

        await using var session = Store.LightweightSession();
        if (expectedVersion == 0)
        {
            session.Events.StartStream(code.Value, events.Cast<object>().ToArray());
        }
        else
        {
            // Marten's expected version is the stream's version after the append.
            session.Events.Append(code.Value, expectedVersion + events.Count, events.Cast<object>().ToArray());
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            throw new DossierConcurrencyException(code, expectedVersion, ex);
        }

        return dossier;
    }

    /// <summary>Whether a save failed because another append landed first (the database refused the expected version).</summary>
    private static bool IsConflict(Exception ex) =>
        ex is ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException or EventStreamUnexpectedMaxEventIdException
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Imports a history (SPEC §6) atomically, idempotently and in bulk: events already stored (same type, <c>at</c> and
    /// fields) and repeats within the input are skipped, the rest are appended, and every touched dossier's whole history
    /// must satisfy SPEC §2, otherwise nothing is stored and the error names the file, line and dossier. Streams, so a
    /// file larger than memory imports: input grouped by dossier (as <c>export</c> writes it) is checked and appended in
    /// one pass, chunk by chunk; any other line order is staged in PostgreSQL and checked one dossier at a time. Bypasses
    /// Marten's session (binary COPY into its tables) and, with the inline lifecycle, writes the facts tables in the same
    /// transaction (with the async lifecycle Marten's daemon projects the new events). Into an empty store the event
    /// tables are locked for the import's duration (docs/domain.md, "Import and export").
    /// </summary>
    /// <param name="lines">
    /// The events read from the file, in line order. Enumerated a second time when they turn out not to be grouped by
    /// dossier, so pass a sequence that can be re-read (a list, or an iterator that opens the file, such as
    /// <see cref="JsonlHistoryReader.ReadFile(string)"/>).
    /// </param>
    /// <param name="progress">Receives progress, if given.</param>
    /// <param name="cancellationToken">Cancels the operation; nothing is stored.</param>
    /// <returns>Counts of dossiers and events added and skipped.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed or a history would break a rule.</exception>
    /// <exception cref="StoreChangedException">Someone appended to an imported dossier meanwhile; nothing was stored.</exception>
    public async Task<ImportResult> ImportAsync(IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = await new StreamingImport(_dataSource, _tables, _events.Value, Options.FactsLifecycle == ProjectionLifecycle.Inline).RunAsync(lines, progress, cancellationToken).ConfigureAwait(false);
        if (result.EventsAdded >= 10_000)
        {
            // A bulk load changes the projected tables wholesale: fresh planner statistics for what reports read before
            // the first report (without them a report right after an import may pick a poor plan until autovacuum gets
            // to the tables). The facts table, read by the sweeper and the audits, is left to autovacuum.
            await using var analyze = _dataSource.CreateCommand($"analyze {_tables.Late}, {_tables.Sums.Name}");
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Rebuilds the projected tables (facts, late changes, verdict sums) from the event log: reads it once in one snapshot,
    /// folds each dossier with the domain's code, writes new tables by binary COPY, applies what clerks appended
    /// meanwhile, and switches readers to the new tables at once. A failed or cancelled rebuild leaves the old tables
    /// serving and nothing behind; readers never see a half-built projection.
    /// </summary>
    /// <param name="progress">Receives the phases and the events read, if given.</param>
    /// <param name="cancellationToken">Cancels the rebuild (the old tables stay).</param>
    /// <returns>What was read and written.</returns>
    public Task<RebuildResult> RebuildAsync(IProgress<RebuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new Rebuild(_dataSource, _tables, _events.Value).RunAsync(progress, cancellationToken);

    /// <summary>Whether the store holds no event at all (a schema created by a failed first import, say).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when no dossier has been stored.</returns>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(MartenEventTables.NoEventSql(Options.Schema));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Deletes every event and every projected row of this ledger's schema.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await Store.Advanced.Clean.DeleteAllEventDataAsync(cancellationToken).ConfigureAwait(false);
        await using var truncate = _dataSource.CreateCommand($"truncate {_tables.Facts}, {_tables.Late}, {_tables.Sums.Name}");
        await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report for a window from the projected tables: one SQL query, no replay (SPEC §4).</summary>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="by">The breakdown, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public Task<StatisticsReport> ReportAsync(ReportingWindow window, ReportPolicy policy, Breakdown? by = null, CancellationToken cancellationToken = default) =>
        _tables.Sums.ReportAsync(_dataSource, window, policy, by, cancellationToken);

    /// <summary>The service-index rates of SPEC §5 for a window, from the projected tables (one SQL query).</summary>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="maxima">Points per indicator, where configured.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rates in SPEC §5 order.</returns>
    public Task<IReadOnlyList<IndicatorRate>> ServiceIndexAsync(ReportingWindow window, ReportPolicy policy, IReadOnlyDictionary<ServiceIndicator, double>? maxima = null, CancellationToken cancellationToken = default) =>
        _tables.Sums.RatesAsync(_dataSource, _tables.Late, window, policy, maxima, cancellationToken);

    /// <summary>
    /// The self-audit of the projections (<c>parledger audit --projections</c>): replays every stored event and compares
    /// the projected facts rows, verdicts, late changes and verdict sums with what the replay gives, then the reports of
    /// <paramref name="windows"/> random windows (totals and every breakdown). Changes nothing in the store.
    /// </summary>
    /// <param name="windows">How many random windows to compare.</param>
    /// <param name="seed">The seed of the random windows (the same seed draws the same windows).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What differs, if anything.</returns>
    public async Task<ProjectionAuditResult> AuditProjectionsAsync(int windows = 20, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windows);
        var facts = await FactsAsOfAsync(null, cancellationToken).ConfigureAwait(false);
        return await new ProjectionAudit(_dataSource, _tables).RunAsync(facts, windows, seed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The report as known at a recording instant (SPEC §4): replays the stored events with <c>recorded &lt;= asOf</c>.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="asOf">The recording instant.</param>
    /// <param name="by">The breakdown, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public async Task<StatisticsReport> ReportAsOfAsync(ReportingWindow window, ReportPolicy policy, Instant asOf, Breakdown? by = null, CancellationToken cancellationToken = default)
    {
        // Streamed: the report holds the window's sums, never every dossier's facts.
        var report = new PeriodStatistics.Builder(window, by);
        await foreach (var facts in FoldAsync(asOf, cancellationToken).ConfigureAwait(false))
        {
            report.Add(facts);
        }

        return report.Build(policy, asOf);
    }

    /// <summary>Folds the stored events, optionally only those recorded by <paramref name="asOf"/>, into per-dossier facts.</summary>
    /// <param name="asOf">The recording instant, or <see langword="null"/> for all events.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The facts of every dossier that exists (at <paramref name="asOf"/>).</returns>
    public async Task<IReadOnlyList<DossierFacts>> FactsAsOfAsync(Instant? asOf, CancellationToken cancellationToken = default)
    {
        var facts = new List<DossierFacts>();
        await foreach (var f in FoldAsync(asOf, cancellationToken).ConfigureAwait(false))
        {
            facts.Add(f);
        }

        return facts;
    }

    /// <summary>Each stored dossier's facts as known at <paramref name="asOf"/> (all events when null), one at a time, in no particular order.</summary>
    private async IAsyncEnumerable<DossierFacts> FoldAsync(Instant? asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Folded on the reading thread, beside the caller's work on the facts.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var facts in _events.Value.ReadHistoriesAsync(connection, null, null, h => DossierFacts.FromHistory(h.Code, BusinessOrder.Sort(h.Events), asOf), cancellationToken).ConfigureAwait(false))
        {
            yield return facts;
        }
    }

    /// <summary>Streams every dossier's events in append order, dossier by dossier in code order (binary COPY, no Marten session).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Each dossier's code and events.</returns>
    public async IAsyncEnumerable<(DossierCode Code, IReadOnlyList<DossierEvent> Events)> ReadHistoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var history in _events.Value.ReadHistoriesAsync(_dataSource, codeOrder: true, cancellationToken).ConfigureAwait(false))
        {
            yield return history;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
    }
}
