using System.Collections.Immutable;
using ParLedger.Periods;

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

    /// <summary>Computes every indicator's numerator and denominator.</summary>
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
        var counts = new long[Enum.GetValues<ServiceIndicator>().Length, 2];
        var end = window.End;
        foreach (var d in dossiers)
        {
            var (inflow, outcome) = PeriodStatistics.Classify(d, window, policy);
            var res = outcome is StatisticsCell.ResolvedEarly or StatisticsCell.ResolvedOnTime or StatisticsCell.ResolvedLate;
            var pen = outcome is StatisticsCell.PendingWithin or StatisticsCell.PendingOverdue;
            var isNew = inflow is StatisticsCell.ReceivedOnline or StatisticsCell.ReceivedDirect or StatisticsCell.ReceivedPostal;
            if (res || pen)
            {
                Count(counts, ServiceIndicator.OnTime,
                    outcome is StatisticsCell.ResolvedEarly or StatisticsCell.ResolvedOnTime or StatisticsCell.PendingWithin
                    && !(d.SecondSupplementRequestAt < end));
                var lastRating = d.Ratings.LastOrDefault(r => r.At < end);
                Count(counts, ServiceIndicator.Satisfaction,
                    outcome is not (StatisticsCell.ResolvedLate or StatisticsCell.PendingOverdue)
                    && !(lastRating != default && !lastRating.Satisfied));
            }

            if (isNew)
            {
                Count(counts, ServiceIndicator.OnlineSubmission, inflow == StatisticsCell.ReceivedOnline);
                Count(counts, ServiceIndicator.Reuse, d.FirstReuseDigitizedAt < end);
                if (d.FeeRequired)
                {
                    Count(counts, ServiceIndicator.OnlinePayment, d.FirstOnlineFeePaidAt < end);
                }
            }

            if (res && d.Terminal == TerminalKind.Resolved)
            {
                Count(counts, ServiceIndicator.ElectronicResult, d.ElectronicResult);
                Count(counts, ServiceIndicator.Digitisation, d.ElectronicResult && d.FirstDigitizedAt < end);
            }
        }

        thresholds ??= DefaultThresholds;
        return Enum.GetValues<ServiceIndicator>()
            .Select(i => new IndicatorRate(
                i,
                counts[(int)i, 0],
                counts[(int)i, 1],
                thresholds.TryGetValue(i, out var t) ? t : null,
                maxima is not null && maxima.TryGetValue(i, out var m) ? m : null))
            .ToList();
    }

    private static void Count(long[,] counts, ServiceIndicator indicator, bool meets)
    {
        counts[(int)indicator, 1]++;
        if (meets)
        {
            counts[(int)indicator, 0]++;
        }
    }
}
