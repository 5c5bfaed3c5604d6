using Npgsql;
using NodaTime;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Lifecycle;

namespace ParLedger.Marten;

/// <summary>The overdue sweeper (SPEC §8, <c>sweep-overdue</c>).</summary>
public sealed partial class DossierLedger
{
    /// <summary>Dossiers appended to in one transaction by the sweeper.</summary>
    private const int SweepBatchSize = 1_000;

    /// <summary>How many times a batch is reloaded and saved again after a conflict before its dossiers go one by one.</summary>
    private const int SweepBatchAttempts = 3;

    /// <summary>How many times one dossier is reloaded and tried again when someone keeps appending to it.</summary>
    private const int SweepDossierAttempts = 10;

    /// <summary>
    /// A seam for tests only: awaited by <see cref="SweepOverdueAsync(Instant, CancellationToken)"/> after a batch was
    /// loaded and decided, just before it saves, with the codes of the dossiers about to be marked and the attempt (1 first).
    /// </summary>
    internal Func<IReadOnlyList<DossierCode>, int, CancellationToken, Task>? BeforeSweepSaveForTests { get; set; }

    /// <summary>Sweeps at the clock's current instant: <see cref="SweepOverdueAsync(Instant, CancellationToken)"/>.</summary>
    /// <param name="clock">The clock (NodaTime's <see cref="SystemClock.Instance"/> for the current instant).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the sweep marked.</returns>
    public Task<OverdueSweepResult> SweepOverdueAsync(IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return SweepOverdueAsync(clock.GetCurrentInstant(), cancellationToken);
    }

    /// <summary>
    /// Appends, with <c>at</c> and <c>recorded</c> equal to <paramref name="now"/>, an <c>overdue</c> event to every dossier
    /// the domain says is due one at that instant (<see cref="OverdueSweep.NoticeAt"/>), naming the agency holding it.
    /// Idempotent, and safe beside other sweepers and clerks: every append is validated against SPEC §2 and saved with the
    /// stream version its decision was based on, a thousand dossiers per transaction (the facts and verdict sums follow
    /// in the same transaction, as for any append). A batch the database refuses because someone appended meanwhile is
    /// reloaded and decided again (a dossier another sweeper marked drops out), and after repeated refusals its dossiers
    /// are recorded one by one through <see cref="RecordAsync"/>.
    /// </summary>
    /// <remarks>
    /// SQL only pre-selects the candidates from the projected facts (received by <paramref name="now"/>, not finished
    /// before it, no <c>overdue</c> event); the decision is the domain's, on each candidate's stored history. With the
    /// async facts lifecycle, a dossier the daemon has not projected yet is left to the next sweep.
    /// </remarks>
    /// <param name="now">The sweep instant <c>T</c>.</param>
    /// <param name="cancellationToken">Cancels the operation; batches already saved stay saved (a rerun completes the sweep).</param>
    /// <returns>What the sweep marked, by responsible agency.</returns>
    /// <exception cref="DossierConcurrencyException">Someone kept appending to one dossier through every retry.</exception>
    public async Task<OverdueSweepResult> SweepOverdueAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var marked = new Dictionary<AgencyCode, int>();
        void Count(DossierOverdue notice)
        {
            var agency = notice.Responsible!.Value;
            marked[agency] = marked.GetValueOrDefault(agency) + 1;
        }

        foreach (var batch in (await OverdueCandidatesAsync(now, cancellationToken).ConfigureAwait(false)).Chunk(SweepBatchSize))
        {
            IReadOnlyList<string> pending = batch;
            for (var attempt = 1; attempt <= SweepBatchAttempts && pending.Count > 0; attempt++)
            {
                var decided = (await LoadManyAsync(pending, cancellationToken).ConfigureAwait(false))
                    .Select(dossier => (Dossier: dossier, Notice: OverdueSweep.NoticeAt(dossier, now)))
                    .Where(d => d.Notice is not null)
                    .Select(d => (Dossier: d.Dossier.Record(d.Notice!), Notice: d.Notice!))
                    .ToList();
                pending = [.. decided.Select(d => d.Dossier.Code.Value)];
                if (decided.Count == 0)
                {
                    break;
                }

                if (BeforeSweepSaveForTests is { } beforeSave)
                {
                    await beforeSave([.. decided.Select(d => d.Dossier.Code)], attempt, cancellationToken).ConfigureAwait(false);
                }

                await using var session = Store.LightweightSession();
                foreach (var (dossier, notice) in decided)
                {
                    // Marten's expected version is the stream's version after the append: the recorded dossier's.
                    session.Events.Append(dossier.Code.Value, dossier.Version, notice);
                }

                try
                {
                    await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConflict(ex))
                {
                    continue; // nothing of the batch was stored: reload it and decide again
                }

                decided.ForEach(d => Count(d.Notice));
                pending = [];
            }

            foreach (var code in pending)
            {
                if (await SweepOneAsync(new DossierCode(code), now, cancellationToken).ConfigureAwait(false) is { } notice)
                {
                    Count(notice);
                }
            }
        }

        return new OverdueSweepResult(now, marked);
    }

    /// <summary>Marks one dossier through <see cref="RecordAsync"/>, reloading and deciding again after each conflict.</summary>
    private async Task<DossierOverdue?> SweepOneAsync(DossierCode code, Instant now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var dossier = await LoadAsync(code, cancellationToken).ConfigureAwait(false);
            if (dossier is null || OverdueSweep.NoticeAt(dossier, now) is not { } notice)
            {
                return null;
            }

            try
            {
                await RecordAsync(code, dossier.Version, [notice], cancellationToken).ConfigureAwait(false);
                return notice;
            }
            catch (DossierConcurrencyException) when (attempt < SweepDossierAttempts)
            {
                // Someone appended meanwhile: reload and decide again.
            }
        }
    }

    /// <summary>
    /// The codes of the dossiers that may be due a notice at <paramref name="now"/>, from the projected facts: received by
    /// then, with no terminal event before or at it, and no <c>overdue</c> event. A pre-selection only: the domain decides.
    /// </summary>
    private async Task<List<string>> OverdueCandidatesAsync(Instant now, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"select code from {_tables.Facts} where received_at <= $1 and (terminal_at is null or terminal_at > $1) and first_overdue_at is null order by code collate \"C\"");
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToDateTimeUtc() });
        var codes = new List<string>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            codes.Add(rows.GetString(0));
        }

        return codes;
    }

    /// <summary>Loads some dossiers, validated, with their versions (one query); codes with no stream are left out.</summary>
    private async Task<List<Dossier>> LoadManyAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<string, List<DossierEvent>>(StringComparer.Ordinal);
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await _events.Value.ReadStoredAsync(
                connection,
                codes,
                (code, e) => (streams.TryGetValue(code, out var events) ? events : streams[code] = []).Add(e),
                cancellationToken).ConfigureAwait(false);
        }

        return [.. streams.Select(s => Dossier.FromHistory(new DossierCode(s.Key), s.Value))];
    }
}
