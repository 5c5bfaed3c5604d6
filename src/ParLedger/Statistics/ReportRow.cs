namespace ParLedger.Statistics;

/// <summary>One row of a breakdown: the cells of the dossiers sharing a key.</summary>
/// <param name="By">The breakdown.</param>
/// <param name="Key">The key, as given in the data (<c>""</c> for dossiers without a field).</param>
/// <param name="Cells">The counts.</param>
public sealed record ReportRow(Breakdown By, string Key, StatisticsCells Cells);
