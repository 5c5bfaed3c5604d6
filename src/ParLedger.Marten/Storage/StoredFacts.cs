using ParLedger.Statistics;
using ParLedger.Verdicts;

namespace ParLedger.Marten.Storage;

/// <summary>
/// A dossier's facts with its verdicts (<see cref="DossierVerdicts"/>) as the projected tables store them, computed once
/// and shared by its facts row, its late-change rows and the verdict sums: the verdicts summed in <c>pl_verdict_sums</c>
/// (with their cells, changes, days, months and years, the facts row's verdict columns) and the late changes of
/// <c>pl_verdict_late</c>.
/// </summary>
internal sealed class StoredFacts
{
    private StoredFacts(DossierFacts facts)
    {
        Facts = facts;
        var all = DossierVerdicts.Of(facts);
        Summed = [.. all.Where(v => !v.IsLate)];
        Late = [.. all.Where(v => v.IsLate)];
        Cells = new short[Summed.Length];
        Changes = new short[Summed.Length];
        Days = new DateOnly[Summed.Length];
        Months = new DateOnly[Summed.Length];
        Years = new DateOnly[Summed.Length];
        for (var i = 0; i < Summed.Length; i++)
        {
            var (cell, day, change) = (Summed[i].Cell, Summed[i].Day, Summed[i].Change);
            (Cells[i], Changes[i]) = ((short)cell, (short)change);
            (Days[i], Months[i], Years[i]) = (day.ToDateOnly(), VerdictPeriods.MonthOf(day).ToDateOnly(), VerdictPeriods.YearOf(day).ToDateOnly());
        }
    }

    public DossierFacts Facts { get; }

    /// <summary>The verdicts summed in <c>pl_verdict_sums</c>: all but the late changes.</summary>
    public VerdictDelta[] Summed { get; }

    /// <summary>The late changes of qualified points (<see cref="VerdictDelta.PointDay"/>): the rows of <c>pl_verdict_late</c>.</summary>
    public VerdictDelta[] Late { get; }

    public short[] Cells { get; }

    public short[] Changes { get; }

    public DateOnly[] Days { get; }

    public DateOnly[] Months { get; }

    public DateOnly[] Years { get; }

    public static StoredFacts Of(DossierFacts facts) => new(facts);
}
