using System.Collections.Immutable;

namespace ParLedger.Marten;

/// <summary>
/// What the self-audit (<see cref="DossierLedger.AuditProjectionsAsync"/>) found: the projected tables compared with a
/// full replay of the stored events (<i>tự kiểm tra số liệu tổng hợp</i>).
/// </summary>
/// <param name="Dossiers">The dossiers replayed.</param>
/// <param name="Windows">The random windows whose reports were compared (each for the totals and every breakdown).</param>
/// <param name="DifferingDossiers">The codes of the dossiers whose projected facts row, verdicts or late changes differ from the replay's (or exist on one side only), ordinally sorted.</param>
/// <param name="DifferingSums">The verdict-sum rows that differ from the replay's sums, each as <c>breakdown/level/period/key</c>.</param>
/// <param name="DifferingReports">The report rows of the windows that differ, each as <c>window, breakdown, key: projected ≠ replayed</c>.</param>
public sealed record ProjectionAuditResult(
    long Dossiers,
    int Windows,
    ImmutableArray<string> DifferingDossiers,
    ImmutableArray<string> DifferingSums,
    ImmutableArray<string> DifferingReports)
{
    /// <summary>Whether the projections agree with the replay everywhere.</summary>
    public bool Clean => DifferingDossiers.IsEmpty && DifferingSums.IsEmpty && DifferingReports.IsEmpty;

    /// <inheritdoc />
    public bool Equals(ProjectionAuditResult? other) =>
        other is not null && Dossiers == other.Dossiers && Windows == other.Windows
        && DifferingDossiers.SequenceEqual(other.DifferingDossiers)
        && DifferingSums.SequenceEqual(other.DifferingSums)
        && DifferingReports.SequenceEqual(other.DifferingReports);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Dossiers);
        hash.Add(Windows);
        foreach (var item in DifferingDossiers.Concat(DifferingSums).Concat(DifferingReports))
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
