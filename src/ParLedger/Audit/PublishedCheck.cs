namespace ParLedger.Audit;

/// <summary>A check of a published table against itself (SPEC §4: published tables often do not close; these warn, never fail).</summary>
public enum PublishedCheck
{
    /// <summary>
    /// <c>identity</c>: <c>received_total = resolved_total + withdrawn + pending_total</c> on a row (<i>Tổng số nhận = đã
    /// giải quyết + rút + đang giải quyết</i>). A total left out is taken as the sum of its stated parts; a table without
    /// the <i>Rút hồ sơ</i> extension column (the template has none) counts withdrawn as 0.
    /// </summary>
    Identity,

    /// <summary><c>sum_of_parts</c>: a stated total is not the sum of its stated parts on the same row (e.g. <i>Tổng số</i> ≠ <i>Trực tuyến</i> + …).</summary>
    SumOfParts,

    /// <summary><c>sum_of_rows</c>: a cell of the totals row (<i>Tổng cộng</i>) is not the sum of that cell over the rows that state it (all do).</summary>
    SumOfRows,
}
