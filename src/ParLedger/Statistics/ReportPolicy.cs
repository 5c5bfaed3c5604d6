using ParLedger.Deadlines;

namespace ParLedger.Statistics;

/// <summary>The policies a report is computed under; every report states them (SPEC §3–§4).</summary>
/// <param name="Withdrawn">Where withdrawn dossiers are counted; default <see cref="WithdrawnPolicy.Separate"/>.</param>
/// <param name="Precision">How finishes are compared with dues; default <see cref="TimelinessPrecision.Day"/>.</param>
public readonly record struct ReportPolicy(WithdrawnPolicy Withdrawn = WithdrawnPolicy.Separate, TimelinessPrecision Precision = TimelinessPrecision.Day)
{
    /// <summary>The default policies: <c>separate</c> and <c>day</c>.</summary>
    public static ReportPolicy Default => new(WithdrawnPolicy.Separate, TimelinessPrecision.Day);

    /// <summary>The SPEC text form of <see cref="Withdrawn"/>: <c>separate</c> or <c>resolved-on-time</c>.</summary>
    public string WithdrawnText => Withdrawn == WithdrawnPolicy.Separate ? "separate" : "resolved-on-time";

    /// <summary>The SPEC text form of <see cref="Precision"/>: <c>day</c> or <c>instant</c>.</summary>
    public string PrecisionText => Precision == TimelinessPrecision.Day ? "day" : "instant";
}
