namespace ParLedger.Audit;

/// <summary>A published cell whose count is not the rebuilt one (<i>ô chênh lệch</i>).</summary>
/// <param name="Key">The row's key, or <see langword="null"/> for the totals row (<i>Tổng cộng</i>).</param>
/// <param name="Cell">The cell.</param>
/// <param name="Published">The count the table states (<i>số công bố</i>).</param>
/// <param name="Rebuilt">The count rebuilt from the history (<i>số dựng lại</i>).</param>
public sealed record CellDifference(string? Key, PublishedCell Cell, long Published, long Rebuilt)
{
    /// <summary>Published minus rebuilt (<i>chênh lệch</i>): positive when the table states more than the history holds.</summary>
    public long Difference => Published - Rebuilt;
}
