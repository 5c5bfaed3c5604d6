namespace ParLedger.Statistics;

/// <summary>One indicator's rate over a window: numerator, denominator and their ratio.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Numerator">The dossiers meeting it.</param>
/// <param name="Denominator">The dossiers it is measured over.</param>
/// <param name="Threshold">The threshold (a fraction, e.g. 0.5), if the indicator has one.</param>
/// <param name="Maximum">The indicator's maximum points, if configured.</param>
public sealed record IndicatorRate(ServiceIndicator Indicator, long Numerator, long Denominator, double? Threshold, double? Maximum)
{
    /// <summary>The SPEC §5 number of the indicator, e.g. <c>2.1</c>.</summary>
    public string Number => Indicator switch
    {
        ServiceIndicator.OnTime => "2.1",
        ServiceIndicator.OnlineSubmission => "3.3",
        ServiceIndicator.OnlinePayment => "3.6",
        ServiceIndicator.ElectronicResult => "4.1",
        ServiceIndicator.Digitisation => "4.2",
        ServiceIndicator.Reuse => "4.3",
        _ => "5.4",
    };

    /// <summary>The rate (0–1), or <see langword="null"/> over 0 dossiers.</summary>
    public double? Rate => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>Points: <c>max × min(1, rate / threshold)</c>, or <c>max × rate</c> without a threshold; <see langword="null"/> without a maximum or a rate.</summary>
    public double? Points => Maximum is { } max && Rate is { } rate
        ? Threshold is { } threshold ? max * Math.Min(1, rate / threshold) : max * rate
        : null;
}
