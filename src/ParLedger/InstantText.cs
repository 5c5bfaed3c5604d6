using NodaTime;
using NodaTime.Text;

namespace ParLedger;

/// <summary>Text forms of instants: ISO-8601 with an offset, shown in Vietnam's local time (<c>+07:00</c>).</summary>
public static class InstantText
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern Output = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>Formats an instant as <c>2022-06-14T16:45:00+07:00</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant) => IsoInstantText.Format(instant, VietnamTime.Offset, zulu: false, Output);

    /// <summary>Parses ISO-8601 with an offset (<c>Z</c> or <c>±hh:mm</c>); an instant without one is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (text is null)
        {
            return false;
        }

        if (IsoInstantText.TryParseCommon(text, out instant))
        {
            return true;
        }

        var result = Pattern.Parse(text);
        if (!result.Success)
        {
            return false;
        }

        instant = result.Value.ToInstant();
        return true;
    }

    /// <summary>Parses ISO-8601 with an offset.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="FormatException">The text is not an instant with an offset.</exception>
    public static Instant Parse(string text) =>
        TryParse(text, out var instant)
            ? instant
            : throw new FormatException($"'{text}' is not an ISO-8601 instant with an offset (e.g. 2022-06-14T16:45:00+07:00).");
}
