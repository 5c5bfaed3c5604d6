using System.Collections.Immutable;
using ParLedger.Deadlines;
using ParLedger.Periods;
using ParLedger.Verdicts;

namespace ParLedger.Statistics;

/// <summary>
/// The service-index rates of SPEC §5 (Quyết định 766/QĐ-TTg) over a window and policies, from the same per-dossier facts
/// as the statistics table: RES are the dossiers counted in the <c>resolved_*</c> cells, PEN those in the
/// <c>pending_*</c> cells, NEW those received in the window; an event is "in time" when its <c>at</c> is before the window's end.
/// </summary>
public static class ServiceIndex
{
    /// <summary>The default thresholds: 3.3 50%, 4.2 80%, 4.3 80%, 5.4 90%.</summary>
    public static ImmutableDictionary<ServiceIndicator, double> DefaultThresholds { get; } = new Dictionary<ServiceIndicator, double>
    {
        [ServiceIndicator.OnlineSubmission] = 0.5,
        [ServiceIndicator.Digitisation] = 0.8,
        [ServiceIndicator.Reuse] = 0.8,
        [ServiceIndicator.Satisfaction] = 0.9,
    }.ToImmutableDictionary();

    /// <summary>Computes every indicator's numerator and denominator from the dossiers' verdicts (<see cref="DossierVerdicts"/>).</summary>
    /// <param name="dossiers">The facts of every dossier.</param>
    /// <param name="window">The window.</param>
    /// <param name="policy">The policies (they decide which cell a dossier is in).</param>
    /// <param name="maxima">Points per indicator, where configured.</param>
    /// <param name="thresholds">Thresholds per indicator; default <see cref="DefaultThresholds"/>.</param>
    /// <returns>The rates in SPEC §5 order.</returns>
    public static IReadOnlyList<IndicatorRate> Compute(
        IEnumerable<DossierFacts> dossiers,
        ReportingWindow window,
        ReportPolicy policy,
        IReadOnlyDictionary<ServiceIndicator, double>? maxima = null,
        IReadOnlyDictionary<ServiceIndicator, double>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var sums = new WindowSums(window);
        foreach (var d in dossiers)
        {
            sums.Add(DossierVerdicts.Of(d));
        }

        return FromSums(sums.Before, sums.Last, sums.Late, policy, maxima, thresholds);
    }

    /// <summary>
    /// The rates of a window from its verdict sums: the one place that turns sums into SPEC §5 counts, for a replay,
    /// the in-memory index and the store alike. With <c>Δ(c)</c> = <paramref name="last"/> − <paramref name="before"/>
    /// (the points in the window), a qualified point's count is <c>Δ(c)</c> plus its late changes in the window
    /// (<paramref name="late"/>); RES = early + on time + late (+ withdrawn when it counts as on time), PEN = open at the
    /// end, NEW = received by any channel.
    /// </summary>
    /// <param name="before">The sums at the end of the day before the window.</param>
    /// <param name="last">The sums at the end of the window's last day.</param>
    /// <param name="late">The late changes of qualified points dated in the window whose point is in the window too.</param>
    /// <param name="policy">The policies.</param>
    /// <param name="maxima">Points per indicator, where configured.</param>
    /// <param name="thresholds">Thresholds per indicator; default <see cref="DefaultThresholds"/>.</param>
    /// <returns>The rates in SPEC §5 order.</returns>
    public static IReadOnlyList<IndicatorRate> FromSums(
        VerdictSums before,
        VerdictSums last,
        VerdictSums late,
        ReportPolicy policy,
        IReadOnlyDictionary<ServiceIndicator, double>? maxima = null,
        IReadOnlyDictionary<ServiceIndicator, double>? thresholds = null)
    {
        long In(VerdictCell cell) => last[cell] - before[cell];
        long Qualified(VerdictCell cell) => In(cell) + late[cell];
        var byDay = policy.Precision == TimelinessPrecision.Day;
        var asOnTime = policy.Withdrawn != WithdrawnPolicy.Separate;
        var withdrawn = asOnTime ? In(VerdictCell.Withdrawn) : 0;
        var earlyOrOnTime = In(byDay ? VerdictCell.EarlyByDay : VerdictCell.EarlyByInstant)
            + In(byDay ? VerdictCell.OnTimeByDay : VerdictCell.OnTimeByInstant) + withdrawn;
        var resolved = earlyOrOnTime + In(byDay ? VerdictCell.LateByDay : VerdictCell.LateByInstant);
        var pending = last[VerdictCell.Open];
        var within = pending - last[byDay ? VerdictCell.OverdueByDay : VerdictCell.OverdueByInstant];
        var received = In(VerdictCell.ReceivedOnline) + In(VerdictCell.ReceivedDirect) + In(VerdictCell.ReceivedPostal);

        var supplementedTwice = In(byDay ? VerdictCell.EarlyOrOnTimeSupplementedTwiceByDay : VerdictCell.EarlyOrOnTimeSupplementedTwiceByInstant)
            + (asOnTime ? In(VerdictCell.WithdrawnSupplementedTwice) : 0)
            + last[byDay ? VerdictCell.WithinSupplementedTwiceByDay : VerdictCell.WithinSupplementedTwiceByInstant];
        var unsatisfied = Qualified(byDay ? VerdictCell.UnsatisfiedEarlyOrOnTimeByDay : VerdictCell.UnsatisfiedEarlyOrOnTimeByInstant)
            + (asOnTime ? Qualified(VerdictCell.UnsatisfiedWithdrawn) : 0);
        var counts = new (long Numerator, long Denominator)[]
        {
            (earlyOrOnTime + within - supplementedTwice, resolved + pending),
            (In(VerdictCell.ReceivedOnline), received),
            (Qualified(VerdictCell.PaidOnline), In(VerdictCell.ReceivedFeeRequired)),
            (In(VerdictCell.ResolvedElectronic), In(VerdictCell.Resolved)),
            (Qualified(VerdictCell.ResolvedElectronicDigitized), In(VerdictCell.Resolved)),
            (Qualified(VerdictCell.Reused), received),
            (earlyOrOnTime + within - unsatisfied, resolved + pending),
        };

        thresholds ??= DefaultThresholds;
        return Enum.GetValues<ServiceIndicator>()
            .Select(i => new IndicatorRate(
                i,
                counts[(int)i].Numerator,
                counts[(int)i].Denominator,
                thresholds.TryGetValue(i, out var t) ? t : null,
                maxima is not null && maxima.TryGetValue(i, out var m) ? m : null))
            .ToList();
    }
}
