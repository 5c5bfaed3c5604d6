using ParLedger.Events;
using ParLedger.Statistics;

namespace ParLedger;

/// <summary>The SPEC text forms of the domain's enumerations (snake_case, as in the interchange format and reports).</summary>
public static class Text
{
    /// <summary>The text form of a channel: <c>online</c>, <c>direct</c>, <c>postal</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Its text form.</returns>
    public static string Of(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.Online => "online",
        ReceiptChannel.Direct => "direct",
        ReceiptChannel.Postal => "postal",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>The text form of a level: <c>province</c>, <c>district</c>, <c>commune</c>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>Its text form.</returns>
    public static string Of(AdministrativeLevel level) => level switch
    {
        AdministrativeLevel.Province => "province",
        AdministrativeLevel.District => "district",
        AdministrativeLevel.Commune => "commune",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level."),
    };

    /// <summary>The text form of an outcome: <c>approved</c>, <c>refused</c>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Its text form.</returns>
    public static string Of(ResolutionOutcome outcome) => outcome == ResolutionOutcome.Approved ? "approved" : "refused";

    /// <summary>The text form of a breakdown: <c>agency</c>, <c>level</c>, <c>field</c>, <c>procedure</c>, <c>channel</c>.</summary>
    /// <param name="by">The breakdown.</param>
    /// <returns>Its text form.</returns>
    public static string Of(Breakdown by) => by switch
    {
        Breakdown.Agency => "agency",
        Breakdown.Level => "level",
        Breakdown.Field => "field",
        Breakdown.Procedure => "procedure",
        Breakdown.Channel => "channel",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Unknown breakdown."),
    };

    /// <summary>The JSON name of a basic cell (SPEC §4), e.g. <c>carried_over</c>.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Its JSON name.</returns>
    public static string Of(StatisticsCell cell) => CellNames[(int)cell];

    /// <summary>Parses a channel's text form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out ReceiptChannel channel) => TryParseEnum(text, out channel, Of);

    /// <summary>Parses a level's text form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="level">The level.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out AdministrativeLevel level) => TryParseEnum(text, out level, Of);

    /// <summary>Parses an outcome's text form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out ResolutionOutcome outcome) => TryParseEnum(text, out outcome, Of);

    /// <summary>Parses a breakdown's text form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="by">The breakdown.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out Breakdown by) => TryParseEnum(text, out by, Of);

    /// <summary>Parses a basic cell's JSON name.</summary>
    /// <param name="text">The text, e.g. <c>pending_overdue</c>.</param>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out StatisticsCell cell) => TryParseEnum(text, out cell, Of);

    private static readonly string[] CellNames =
    [
        "carried_over", "received_online", "received_direct", "received_postal", "resolved_early",
        "resolved_on_time", "resolved_late", "withdrawn", "pending_within", "pending_overdue",
    ];

    private static bool TryParseEnum<T>(string? text, out T value, Func<T, string> format)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(format(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
