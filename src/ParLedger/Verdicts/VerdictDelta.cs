using NodaTime;

namespace ParLedger.Verdicts;

/// <summary>
/// One dated change of one of a dossier's verdicts (<i>kết luận</i>): from the end of <see cref="Day"/> on,
/// <see cref="Cell"/> counts <see cref="Change"/> more (a point cell: +1 on the day of the event; a state cell: +1 on
/// the first day it holds at the day's end, −1 on the first day it no longer does). The count of a cell at the end of
/// a day <c>X</c> is the sum of the changes dated on or before <c>X</c>, a prefix sum.
/// </summary>
/// <param name="Cell">The cell.</param>
/// <param name="Day">The local date (Asia/Ho_Chi_Minh) from whose end the change holds.</param>
/// <param name="Change">The change, +1 or −1 for one dossier; any integer once aggregated.</param>
/// <param name="PointDay">
/// For a <b>late change</b> of a qualified point cell (its condition turned after the point's day): the point's day.
/// A late change counts in a window <c>[from, to]</c> only when both days lie in it (<c>from &lt;= PointDay &lt; Day &lt;= to</c>),
/// so it is kept apart from the prefix sums. <see langword="null"/> for every other change.
/// </param>
public readonly record struct VerdictDelta(VerdictCell Cell, LocalDate Day, int Change, LocalDate? PointDay = null)
{
    /// <summary>Whether this is a late change of a qualified point (<see cref="PointDay"/> is set).</summary>
    public bool IsLate => PointDay is not null;
}
