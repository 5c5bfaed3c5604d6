namespace ParLedger.Audit;

/// <summary>One row of a published table's breakdown (<i>một dòng của biểu đã công bố</i>).</summary>
/// <param name="Key">The key as published (<c>""</c> for dossiers without a field, written <i>(không có)</i> in tables).</param>
/// <param name="Cells">The cells it states.</param>
public sealed record PublishedRow(string Key, PublishedCells Cells);
