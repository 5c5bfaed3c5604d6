using NodaTime;
using Npgsql;
using ParLedger.Statistics;
using ParLedger.Verdicts;

namespace ParLedger.Marten.Storage;

/// <summary>
/// Sums the verdicts of many new dossiers in memory (a bulk import), by breakdown key and day, then writes them to
/// <c>pl_verdict_sums</c> with their month and year roll-ups in one upsert: the day-level sums are far fewer than the
/// dossiers' verdicts, so the roll-ups cost little. Not thread-safe: one producer adds, the writer writes after it.
/// </summary>
internal sealed class VerdictSumsBuilder
{
    private static readonly Breakdown[] Breakdowns = Enum.GetValues<Breakdown>();
    private readonly Dictionary<(short Breakdown, string Key), int> _keyIds = [];
    private readonly List<(short Breakdown, string Key)> _keys = [];
    private readonly Dictionary<(int KeyId, int Day), long[]> _days = [];
    private readonly int[] _dossierKeys = new int[Breakdowns.Length + 1];

    /// <summary>Adds one dossier's verdicts under the totals and each of its breakdown keys.</summary>
    public void Add(DossierFacts facts)
    {
        for (var b = 0; b < _dossierKeys.Length; b++)
        {
            _dossierKeys[b] = KeyId((short)b, b == 0 ? string.Empty : PeriodStatistics.KeyOf(facts, Breakdowns[b - 1]));
        }

        // The late changes are kept per dossier in pl_verdict_late, not summed; the verdicts are computed once (FactsTables.Verdicts).
        foreach (var verdict in FactsTables.Verdicts(facts).Summed)
        {
            var day = DossierVerdicts.Day(verdict.Day);
            foreach (var keyId in _dossierKeys)
            {
                if (!_days.TryGetValue((keyId, day), out var counts))
                {
                    _days[(keyId, day)] = counts = new long[VerdictSums.CellCount];
                }

                counts[(int)verdict.Cell] += verdict.Change;
            }
        }
    }

    /// <summary>Upserts the sums, with their roll-ups, into the table (adding to what it holds).</summary>
    public async Task WriteAsync(NpgsqlConnection connection, VerdictSumsTable table, CancellationToken cancellationToken)
    {
        if (_days.Count == 0)
        {
            return;
        }

        var rows = new Dictionary<(short Breakdown, string Key, short Level, LocalDate Period), long[]>();
        foreach (var ((keyId, day), counts) in _days)
        {
            var (breakdown, key) = _keys[keyId];
            var date = DossierVerdicts.DateOf(day);
            foreach (var (level, period) in new[] { (VerdictPeriods.Day, date), (VerdictPeriods.Month, VerdictPeriods.MonthOf(date)), (VerdictPeriods.Year, VerdictPeriods.YearOf(date)) })
            {
                if (!rows.TryGetValue((breakdown, key, level, period), out var sum))
                {
                    rows[(breakdown, key, level, period)] = sum = new long[counts.Length];
                }

                for (var c = 0; c < counts.Length; c++)
                {
                    sum[c] += counts[c];
                }
            }
        }

        await table.UpsertAsync(connection, rows.Select(r => (r.Key.Breakdown, r.Key.Level, r.Key.Period, r.Key.Key, r.Value)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    private int KeyId(short breakdown, string key)
    {
        if (!_keyIds.TryGetValue((breakdown, key), out var id))
        {
            _keyIds[(breakdown, key)] = id = _keys.Count;
            _keys.Add((breakdown, key));
        }

        return id;
    }
}
