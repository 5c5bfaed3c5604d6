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
    /// <summary>The id of each key, one dictionary per breakdown (string keys hash faster alone than in a tuple).</summary>
    private readonly Dictionary<string, int>[] _keyIds = [.. Enumerable.Range(0, Breakdowns.Length + 1).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly List<(short Breakdown, string Key)> _keys = [];

    /// <summary>
    /// The row of each day-level sum, by key id and day number packed into one 64-bit key: an open-addressing table
    /// (linear probing, at most half full, hashed by Fibonacci multiplication: the top bits of the product, as many as
    /// the table's size needs, depend on every bit of both halves)
    /// of (key, row + 1), 0 marking a free slot; and the packed key of each row, in row order.
    /// </summary>
    private (long Key, int Row)[] _slots = new (long Key, int Row)[4096];
    private int _slotBits = 12;
    private readonly List<long> _keysByRow = [];
    private int[] _dayNumbers = new int[32];

    /// <summary>
    /// The counts, <see cref="VerdictSums.CellCount"/> per row, in one growing array: hundreds of thousands of rows as
    /// one object, not one array each for the garbage collector to trace and promote. 32-bit, as the table stores them:
    /// the rows are touched in no order, and half the bytes is half the cache lines to fetch.
    /// </summary>
    private int[] _counts = new int[VerdictSums.CellCount * 1024];
    private readonly int[] _dossierKeys = new int[Breakdowns.Length + 1];
    private VerdictDelta[] _byDay = new VerdictDelta[32];

    /// <summary>Adds one dossier's verdicts under the totals and each of its breakdown keys.</summary>
    public void Add(StoredFacts stored)
    {
        var facts = stored.Facts;
        for (var b = 0; b < _dossierKeys.Length; b++)
        {
            _dossierKeys[b] = KeyId((short)b, b == 0 ? string.Empty : PeriodStatistics.KeyOf(facts, Breakdowns[b - 1]));
        }

        // The late changes are kept per dossier in pl_verdict_late, not summed. A dossier's verdicts fall on a few days:
        // ordered by day, each key looks its row up once per day rather than once per verdict.
        var summed = stored.Summed;
        if (_byDay.Length < summed.Length)
        {
            _byDay = new VerdictDelta[summed.Length * 2];
        }

        var verdicts = _byDay.AsSpan(0, summed.Length);
        summed.CopyTo(verdicts);
        verdicts.Sort(static (a, b) => a.Day.CompareTo(b.Day));
        if (_dayNumbers.Length < verdicts.Length)
        {
            _dayNumbers = new int[verdicts.Length * 2];
        }

        for (var i = 0; i < verdicts.Length; i++)
        {
            _dayNumbers[i] = DossierVerdicts.Day(verdicts[i].Day);
        }

        var counts = _counts;
        foreach (var keyId in _dossierKeys)
        {
            var at = -1;
            var day = int.MinValue;
            for (var i = 0; i < verdicts.Length; i++)
            {
                var next = _dayNumbers[i];
                if (at < 0 || next != day)
                {
                    day = next;
                    at = RowOf(((long)keyId << 32) | (uint)day) * VerdictSums.CellCount;
                    counts = _counts;
                }

                ref var count = ref counts[at + (int)verdicts[i].Cell];
                count = checked(count + verdicts[i].Change);
            }
        }
    }

    /// <summary>The row of a packed (key id, day): open addressing with linear probing in <see cref="_slots"/>.</summary>
    private int RowOf(long packed)
    {
        var mask = _slots.Length - 1;
        var slot = SlotOf(packed);
        while (true)
        {
            ref var entry = ref _slots[slot];
            if (entry.Row == 0)
            {
                break;
            }

            if (entry.Key == packed)
            {
                return entry.Row - 1;
            }

            slot = (slot + 1) & mask;
        }

        var row = _keysByRow.Count;
        _keysByRow.Add(packed);
        _slots[slot] = (packed, row + 1);
        if ((row + 1) * VerdictSums.CellCount > _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
        }

        if (_keysByRow.Count * 2 > _slots.Length)
        {
            Grow();
        }

        return row;
    }

    /// <summary>The first slot to probe: the top <see cref="_slotBits"/> bits of the Fibonacci product.</summary>
    private int SlotOf(long packed) => (int)((ulong)(packed * -7046029254386353131L) >> (64 - _slotBits));

    private void Grow()
    {
        _slots = new (long Key, int Row)[_slots.Length * 2];
        _slotBits++;
        var mask = _slots.Length - 1;
        for (var row = 0; row < _keysByRow.Count; row++)
        {
            var packed = _keysByRow[row];
            var slot = SlotOf(packed);
            while (_slots[slot].Row != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = (packed, row + 1);
        }
    }

    /// <summary>Adds the sums, with their roll-ups, to what the table holds (an upsert, inserting the rows it lacks).</summary>
    public async Task AddToAsync(NpgsqlConnection connection, VerdictSumsTable table, CancellationToken cancellationToken)
    {
        if (_keysByRow.Count > 0)
        {
            await table.UpsertAsync(connection, Rows(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the sums, with their roll-ups, into a table that holds no row (a rebuild's or an audit's new table, an empty store's) by binary COPY.</summary>
    public async Task CopyIntoEmptyAsync(NpgsqlConnection connection, VerdictSumsTable table, CancellationToken cancellationToken)
    {
        if (_keysByRow.Count > 0)
        {
            await table.CopyAsync(connection, Rows(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The rows to write: each day-level sum, and its month and year roll-ups, in primary-key order (so that an upsert
    /// locks rows in one order, without deadlock, and a COPY appends at its index's right edge). The roll-ups are found
    /// by packed (key id, first day) like the days; the order is one sort of 64-bit keys packing the breakdown, the
    /// level, the period's day number and the key's ordinal rank.
    /// </summary>
    private VerdictSumsRows Rows()
    {
        var cells = VerdictSums.CellCount;
        var days = _keysByRow.Count;

        // Row r < days is day row r; after them, the month and year roll-ups in the order they were first met, found by
        // packed (key id, level, first day): the level in bits 30-31 above the day number (below 2^22).
        var rollUpRows = new Dictionary<long, int>();
        var rollUps = new List<(short Level, long Packed)>();
        var rollUpCounts = new int[cells * 1024];
        var periodsOfDay = new Dictionary<int, (int Month, int Year)>();
        for (var row = 0; row < days; row++)
        {
            var packed = _keysByRow[row];
            var day = (int)(uint)packed;
            if (!periodsOfDay.TryGetValue(day, out var firstDays))
            {
                var date = DossierVerdicts.DateOf(day);
                periodsOfDay[day] = firstDays = (DossierVerdicts.Day(VerdictPeriods.MonthOf(date)), DossierVerdicts.Day(VerdictPeriods.YearOf(date)));
            }

            var counts = _counts.AsSpan(row * cells, cells);
            for (var level = VerdictPeriods.Month; level <= VerdictPeriods.Year; level++)
            {
                var period = (packed & ~0xFFFF_FFFFL) | (uint)(level == VerdictPeriods.Month ? firstDays.Month : firstDays.Year);
                if (!rollUpRows.TryGetValue(period | ((long)level << 30), out var at))
                {
                    rollUpRows[period | ((long)level << 30)] = at = rollUps.Count;
                    rollUps.Add((level, period));
                    if (rollUps.Count * cells > rollUpCounts.Length)
                    {
                        Array.Resize(ref rollUpCounts, rollUpCounts.Length * 2);
                    }
                }

                var sum = rollUpCounts.AsSpan(at * cells, cells);
                for (var c = 0; c < cells; c++)
                {
                    sum[c] = checked(sum[c] + counts[c]);
                }
            }
        }

        // Each key's rank in (breakdown, ordinal key) order.
        var byKey = new int[_keys.Count];
        for (var k = 0; k < byKey.Length; k++)
        {
            byKey[k] = k;
        }

        Array.Sort(byKey, (a, b) => _keys[a].Breakdown != _keys[b].Breakdown ? _keys[a].Breakdown.CompareTo(_keys[b].Breakdown) : string.CompareOrdinal(_keys[a].Key, _keys[b].Key));
        var rank = new int[byKey.Length];
        for (var r = 0; r < byKey.Length; r++)
        {
            rank[byKey[r]] = r;
        }

        if (_keyIds.Length > 8)
        {
            throw new InvalidOperationException($"The sums' sort key holds a breakdown in 3 bits; there are {_keyIds.Length} breakdowns.");
        }

        var total = days + rollUps.Count;
        var order = new ulong[total];
        var rows = new int[total];
        for (var row = 0; row < total; row++)
        {
            var (level, packed) = row < days ? (VerdictPeriods.Day, _keysByRow[row]) : rollUps[row - days];
            var keyId = (int)(packed >> 32);
            // breakdown < 8 (3 bits), level < 4 (2 bits), day number < 2^27 (DateOnly's are below 2^22), rank < 2^32.
            order[row] = ((ulong)_keys[keyId].Breakdown << 61) | ((ulong)level << 59) | ((ulong)(uint)packed << 32) | (uint)rank[keyId];
            rows[row] = row;
        }

        Array.Sort(order, rows);
        var (breakdowns, levels, periods, keys, sorted) = (new short[total], new short[total], new DateOnly[total], new string[total], new int[total * cells]);
        for (var i = 0; i < total; i++)
        {
            var row = rows[i];
            var (level, packed) = row < days ? (VerdictPeriods.Day, _keysByRow[row]) : rollUps[row - days];
            (breakdowns[i], keys[i]) = _keys[(int)(packed >> 32)];
            levels[i] = level;
            periods[i] = DateOnly.FromDayNumber((int)(uint)packed);
            (row < days ? _counts.AsSpan(row * cells, cells) : rollUpCounts.AsSpan((row - days) * cells, cells)).CopyTo(sorted.AsSpan(i * cells, cells));
        }

        return new VerdictSumsRows(breakdowns, levels, periods, keys, sorted);
    }

    private int KeyId(short breakdown, string key)
    {
        if (!_keyIds[breakdown].TryGetValue(key, out var id))
        {
            _keyIds[breakdown][key] = id = _keys.Count;
            _keys.Add((breakdown, key));
        }

        return id;
    }
}
