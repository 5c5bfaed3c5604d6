using System.Globalization;
using NodaTime;

namespace ParLedger.Cli.Formats;

/// <summary>
/// How numbers and dates are written for people, decided once and independent of the machine's culture
/// (docs/domain.md, "Output for people"): tables with Vietnamese headers, read by Vietnamese officers, use the Vietnamese
/// convention of the published reports (<c>335.445</c>, <c>95,12%</c>, <c>14/06/2022</c>); the tool's English messages
/// (import counts, progress) use the invariant convention (<c>335,445</c>). Machine formats (JSON, CSV, XLSX values) carry
/// plain numbers and ISO dates.
/// </summary>
internal static class Display
{
    /// <summary>The Vietnamese number convention, built here rather than taken from ICU so that it never varies by machine.</summary>
    private static readonly NumberFormatInfo VietnameseNumbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        PercentGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        PercentPositivePattern = 1, // n%
        PercentNegativePattern = 1, // -n%
        NegativeSign = "-",
    };

    /// <summary>A count in a Vietnamese table: <c>335.445</c>.</summary>
    public static string Count(long value) => value.ToString("N0", VietnameseNumbers);

    /// <summary>A rate in a Vietnamese table: <c>95,12%</c>.</summary>
    public static string Percent(double value, int decimals) => value.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), VietnameseNumbers);

    /// <summary>A date in a Vietnamese table or title: <c>14/06/2022</c>.</summary>
    public static string Date(LocalDate date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A count in an English message of the tool: <c>335,445</c>.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds in an English message of the tool: <c>1.5</c>.</summary>
    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
}
