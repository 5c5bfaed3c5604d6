namespace ParLedger.Audit;

/// <summary>A cell of a table: its row and its column.</summary>
/// <param name="Key">The row's key, or <see langword="null"/> for the totals row (<i>Tổng cộng</i>).</param>
/// <param name="Cell">The cell.</param>
public sealed record CellPosition(string? Key, PublishedCell Cell);
