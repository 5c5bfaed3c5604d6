using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Statistics;

namespace ParLedger.Marten.Storage;

/// <summary>
/// The import's fast path, for input whose lines are grouped by dossier (each dossier's lines next to each other, as
/// <c>export</c> writes them and as case-management systems export): one pass, no staging. A producer reads the lines,
/// closes each dossier's group when the next dossier begins, looks up the stored events of a chunk of dossiers,
/// checks and folds each one, and serialises the new events; the writer appends each chunk by binary COPY straight
/// into Marten's tables and the facts tables, while the producer works on the next one (two cores: the client parses
/// and checks while the server writes).
/// The path is optimistic: a dossier that comes back after its group ended, or a history that breaks a rule, makes it
/// give up (<see langword="null"/>), and the caller rolls back and runs the general path, which accepts any line order
/// and names the offending line.
/// </summary>
internal sealed class GroupedImport(NpgsqlDataSource dataSource, FactsTables tables, MartenEventTables events, bool writeFacts)
{
    private readonly VerdictSumsBuilder _newSums = new();

    /// <summary>
    /// Events per chunk: large enough to keep COPY statements few, small enough that the chunks in flight (one being
    /// checked, one queued, one being written) stay a few MB and their lists under the large-object threshold (85 KB):
    /// at 20,000 a ×1 import ran 16 full garbage collections (3.3 s of pauses), at 5,000 it runs 7 (1.3 s).
    /// </summary>
    private const int ChunkEvents = 5_000;

    public async Task<ImportResult?> TryRunAsync(NpgsqlConnection writer, bool storeIsEmpty, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        DateTime now;
        await using (var clock = new NpgsqlCommand("select now()", writer))
        {
            now = (DateTime)(await clock.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, storeIsEmpty, lines, progress, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteAsync(writer, chunk, now, stop.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The writer's error is the one to report; the producer was stopped because of it.
            }

            throw;
        }

        var result = await producer.ConfigureAwait(false);
        if (result is not null)
        {
            // The new dossiers' verdicts, summed by the producer: one upsert at the end, so the sums' rows are locked
            // only for the commit's moment (grown dossiers kept theirs exact chunk by chunk, with their facts rows).
            // Into an empty store (its tables locked since the start) whose sums hold no row, a binary COPY.
            if (storeIsEmpty && !await SumsHoldRowsAsync(writer, ct).ConfigureAwait(false))
            {
                await _newSums.CopyIntoEmptyAsync(writer, tables.Sums, ct).ConfigureAwait(false);
            }
            else
            {
                await _newSums.AddToAsync(writer, tables.Sums, ct).ConfigureAwait(false);
            }
        }

        return result;
    }

    private async Task<bool> SumsHoldRowsAsync(NpgsqlConnection writer, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select exists (select 1 from {tables.Sums.Name})", writer);
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task<ImportResult?> ProduceAsync(ChannelWriter<Chunk> output, bool storeIsEmpty, IEnumerable<HistoryLine> lines, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        try
        {
            await using var reader = storeIsEmpty ? null : await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var seen = new HashSet<ulong>();
            var groups = new List<IncomingDossier>();
            var tally = new Tally();
            IncomingDossier? current = null;
            var pending = 0;
            foreach (var line in lines)
            {
                ct.ThrowIfCancellationRequested();
                if (current is null || !string.Equals(current.Code, line.Dossier.Value, StringComparison.Ordinal))
                {
                    if (!seen.Add(Hash(line.Dossier.Value)))
                    {
                        // The dossier came back after its group ended: the input is not grouped.
                        output.Complete();
                        return null;
                    }

                    if (pending >= ChunkEvents)
                    {
                        if (!await FlushAsync(output, reader, groups, tally, progress, ct).ConfigureAwait(false))
                        {
                            return null;
                        }

                        groups = [];
                        pending = 0;
                    }

                    current = new IncomingDossier(line.Dossier.Value);
                    groups.Add(current);
                }

                current.Incoming.Add((line.LineNumber, line.Event));
                pending++;
                if (++tally.Read % 50_000 == 0)
                {
                    progress?.Report(new ImportProgress("reading", tally.Read));
                }
            }

            if (!await FlushAsync(output, reader, groups, tally, progress, ct).ConfigureAwait(false))
            {
                return null;
            }

            output.Complete();
            progress?.Report(new ImportProgress("reading", tally.Read));
            progress?.Report(new ImportProgress("writing", 0));
            return new ImportResult(tally.Dossiers, tally.Created, tally.Grown, tally.Read, tally.Added, tally.Read - tally.Added);
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Checks a chunk of complete groups and hands it to the writer; false (and the channel closed) when a history breaks a rule.</summary>
    private async Task<bool> FlushAsync(ChannelWriter<Chunk> output, NpgsqlConnection? reader, List<IncomingDossier> groups, Tally tally, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (reader is not null)
        {
            await LoadStoredAsync(reader, groups, ct).ConfigureAwait(false);
        }

        var chunk = new Chunk();
        foreach (var group in groups)
        {
            tally.Dossiers++;
            var merged = group.Merge(writeFacts);
            if (merged.Fresh.Count == 0)
            {
                continue;
            }

            if (merged.Violation is not null)
            {
                output.Complete();
                return false;
            }

            var version = group.Stored.Count;
            if (version == 0)
            {
                tally.Created++;
                chunk.NewStreams.Add((group.Code, merged.Fresh.Count));
            }
            else
            {
                tally.Grown++;
                chunk.GrownStreams.Add((group.Code, version + merged.Fresh.Count));
            }

            foreach (var (_, e) in merged.Fresh)
            {
                chunk.Events.Add(events.Row(group.Code, ++version, e, JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), EventJson.Options)));
            }

            tally.Added += merged.Fresh.Count;
            if (merged.Facts is { } facts)
            {
                if (group.Stored.Count == 0)
                {
                    var stored = StoredFacts.Of(facts);
                    chunk.NewFacts.Add(stored);
                    _newSums.Add(stored);
                }
                else
                {
                    chunk.GrownFacts.Add(facts);
                }
            }
        }

        // Reported after the chunk's stored events were read and before any of it is written.
        progress?.Report(new ImportProgress("checking", tally.Dossiers));
        await output.WriteAsync(chunk, ct).ConfigureAwait(false);
        return true;
    }

    private async Task LoadStoredAsync(NpgsqlConnection reader, List<IncomingDossier> groups, CancellationToken ct)
    {
        var byCode = groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        await events.ReadStoredAsync(reader, byCode.Keys, (code, e) => byCode[code].Stored.Add(e), ct).ConfigureAwait(false);
    }

    private async Task WriteAsync(NpgsqlConnection writer, Chunk chunk, DateTime now, CancellationToken ct)
    {
        if (chunk.Events.Count == 0)
        {
            return;
        }

        var sequence = await events.ReserveSequenceAsync(writer, chunk.Events.Count, ct).ConfigureAwait(false);
        if (chunk.NewStreams.Count > 0)
        {
            await events.CopyNewStreamsAsync(writer, chunk.NewStreams, now, ct).ConfigureAwait(false);
        }

        if (chunk.GrownStreams.Count > 0)
        {
            await events.UpdateGrownStreamsAsync(writer, chunk.GrownStreams, ct).ConfigureAwait(false);
        }

        await events.CopyEventsAsync(writer, chunk.Events, sequence, now, ct).ConfigureAwait(false);
        await WriteFactsAsync(writer, chunk, ct).ConfigureAwait(false);
    }

    private async Task WriteFactsAsync(NpgsqlConnection writer, Chunk chunk, CancellationToken ct)
    {
        if (chunk.NewFacts.Count > 0)
        {
            await FactsTables.CopyFactsAsync(writer, tables.Facts, chunk.NewFacts, ct).ConfigureAwait(false);
            await FactsTables.CopyLateAsync(writer, tables.Late, chunk.NewFacts, ct).ConfigureAwait(false);
        }

        if (chunk.GrownFacts.Count > 0)
        {
            await tables.UpsertAsync(writer, chunk.GrownFacts, ct).ConfigureAwait(false);
        }
    }

    /// <summary>FNV-1a, 64 bits: a collision only sends the import to the general path, never changes what is stored.</summary>
    private static ulong Hash(string code)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in code)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class Tally
    {
        public long Read { get; set; }

        public long Added { get; set; }

        public int Dossiers { get; set; }

        public int Created { get; set; }

        public int Grown { get; set; }
    }

    private sealed class Chunk
    {
        public List<(string Code, int Version)> NewStreams { get; } = [];

        public List<(string Code, int Version)> GrownStreams { get; } = [];

        public List<MartenEventTables.NewEvent> Events { get; } = [];

        public List<StoredFacts> NewFacts { get; } = [];

        public List<DossierFacts> GrownFacts { get; } = [];
    }
}
