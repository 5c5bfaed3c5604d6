namespace ParLedger.Audit;

/// <summary>A published table that does not close on itself (<i>biểu công bố không khớp</i>): a warning, not a difference.</summary>
/// <param name="Check">The check that fails.</param>
/// <param name="Key">The row's key, or <see langword="null"/> for the totals row (<i>Tổng cộng</i>).</param>
/// <param name="Cell">
/// The total checked (<c>received_total</c> for <see cref="PublishedCheck.Identity"/>; for the other checks the stated total or cell).
/// </param>
/// <param name="Stated">The count the table states for <paramref name="Cell"/> (for the identity, made from its stated parts when the table leaves <c>received_total</c> out).</param>
/// <param name="Computed">What the rest of the table makes it: the identity's right-hand side, the sum of the parts, or of the rows.</param>
public sealed record PublishedWarning(PublishedCheck Check, string? Key, PublishedCell Cell, long Stated, long Computed);
