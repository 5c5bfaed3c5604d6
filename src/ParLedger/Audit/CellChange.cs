using System.Collections.Immutable;
using ParLedger.Codes;
using ParLedger.Events;

namespace ParLedger.Audit;

/// <summary>
/// A dossier that entered or left a cell between two knowledge instants (<c>--as-of T1 --compare-as-of T2</c>), with the
/// events recorded between them that moved it (<i>hồ sơ làm thay đổi số liệu sau khi báo cáo</i>).
/// </summary>
/// <param name="Code">The dossier's code.</param>
/// <param name="Entered">Whether it entered the cell (counted as known at T2, not at T1); otherwise it left it.</param>
/// <param name="LateEvents">Its events recorded after T1 and by T2, in business order: what moved it.</param>
public sealed record CellChange(DossierCode Code, bool Entered, ImmutableArray<DossierEvent> LateEvents)
{
    /// <inheritdoc />
    public bool Equals(CellChange? other) =>
        other is not null && Code == other.Code && Entered == other.Entered && LateEvents.SequenceEqual(other.LateEvents);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Code);
        hash.Add(Entered);
        foreach (var e in LateEvents)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }
}
