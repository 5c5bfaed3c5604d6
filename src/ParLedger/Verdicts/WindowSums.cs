using ParLedger.Periods;

namespace ParLedger.Verdicts;

/// <summary>
/// Accumulates verdict changes into what one window reads (docs/domain.md, "Verdicts as day intervals"): the prefix
/// sums at the end of the day before the window and at the end of its last day, and the late changes of qualified
/// points that fall inside it (<see cref="VerdictDelta.PointDay"/>). For a few dossiers (one dossier's cells, a replay
/// over folded facts); the index and the store keep the same sums by day.
/// </summary>
internal sealed class WindowSums(ReportingWindow window)
{
    private readonly int _before = DossierVerdicts.Day(window.From) - 1;
    private readonly int _last = DossierVerdicts.Day(window.To);
    private readonly long[] _beforeCounts = new long[VerdictSums.CellCount];
    private readonly long[] _lastCounts = new long[VerdictSums.CellCount];
    private readonly long[] _lateCounts = new long[VerdictSums.CellCount];

    /// <summary>The sums at the end of the day before the window.</summary>
    public VerdictSums Before => new(_beforeCounts);

    /// <summary>The sums at the end of the window's last day.</summary>
    public VerdictSums Last => new(_lastCounts);

    /// <summary>The late changes dated in the window whose point is in the window too, summed per cell.</summary>
    public VerdictSums Late => new(_lateCounts);

    /// <summary>Adds changes.</summary>
    public void Add(IEnumerable<VerdictDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            var day = DossierVerdicts.Day(delta.Day);
            var cell = (int)delta.Cell;
            if (delta.PointDay is { } point)
            {
                if (DossierVerdicts.Day(point) > _before && day <= _last)
                {
                    _lateCounts[cell] += delta.Change;
                }

                continue;
            }

            if (day <= _before)
            {
                _beforeCounts[cell] += delta.Change;
            }

            if (day <= _last)
            {
                _lastCounts[cell] += delta.Change;
            }
        }
    }
}
