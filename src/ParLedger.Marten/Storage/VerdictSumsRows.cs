namespace ParLedger.Marten.Storage;

/// <summary>
/// Rows of <c>pl_verdict_sums</c> to write, in primary-key order (breakdown, level, period, key ordinal): one array
/// per key column, and the counts of every row in one array, <see cref="ParLedger.Verdicts.VerdictSums.CellCount"/>
/// per row, row after row.
/// </summary>
internal sealed class VerdictSumsRows(short[] breakdowns, short[] levels, DateOnly[] periods, string[] keys, int[] counts)
{
    /// <summary>How many rows there are.</summary>
    public int Count => keys.Length;

    public short[] Breakdowns => breakdowns;

    public short[] Levels => levels;

    public DateOnly[] Periods => periods;

    public string[] Keys => keys;

    /// <summary>The counts of one row, one per verdict cell.</summary>
    public ReadOnlySpan<int> CountsOf(int row) => counts.AsSpan(row * ParLedger.Verdicts.VerdictSums.CellCount, ParLedger.Verdicts.VerdictSums.CellCount);

    /// <summary>One cell's count in every row, in row order (a column).</summary>
    public int[] Column(int cell)
    {
        var cells = ParLedger.Verdicts.VerdictSums.CellCount;
        var column = new int[Count];
        for (var row = 0; row < column.Length; row++)
        {
            column[row] = counts[(row * cells) + cell];
        }

        return column;
    }
}
