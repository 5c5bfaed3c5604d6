using NodaTime;
using NodaTime.Text;

namespace ParLedger;

/// <summary>
/// Fast paths for the one ISO-8601 shape that fills history files and stored events,
/// <c>uuuu-MM-ddTHH:mm:ss[.fffffffff](Z|±HH:mm)</c>: millions of instants are read and written per import, and NodaTime's
/// general pattern engine costs several times more per value. Each fast path accepts only a strict subset of what
/// the corresponding NodaTime pattern accepts and returns the same value there; anything else — another shape, a
/// value out of range — is left to the pattern, which decides (tests compare both on random input).
/// </summary>
internal static class IsoInstantText
{
    /// <summary>Parses the common shape; false when the text is anything else (the caller then asks the NodaTime pattern).</summary>
    /// <param name="s">The text.</param>
    /// <param name="instant">The instant, when the text has the common shape.</param>
    /// <returns>Whether the fast path could decide.</returns>
    public static bool TryParseCommon(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s.Slice(0, 4), out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var i = 19;
        long nanoseconds = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                nanoseconds = (nanoseconds * 10) + (s[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 9)
            {
                return false;
            }

            for (var d = digits; d < 9; d++)
            {
                nanoseconds *= 10;
            }
        }

        int offsetSeconds;
        if (i == s.Length - 1 && s[i] == 'Z')
        {
            offsetSeconds = 0;
        }
        else if (i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':'
                 && Digits(s.Slice(i + 1, 2), out var offsetHours) && Digits(s.Slice(i + 4, 2), out var offsetMinutes)
                 && offsetHours < 18 && offsetMinutes < 60)
        {
            offsetSeconds = (s[i] == '-' ? -1 : 1) * ((offsetHours * 3600) + (offsetMinutes * 60));
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds) - Duration.FromSeconds(offsetSeconds);
        return true;
    }

    /// <summary>
    /// Formats as <c>uuuu-MM-ddTHH:mm:ss;FFFFFFFFF</c> in the given offset followed by <c>Z</c> (zero offset, when
    /// <paramref name="zulu"/>) or <c>±HH:mm</c>; the same text as NodaTime's patterns of that shape. Years outside
    /// 1–9999 and offsets with seconds go to <paramref name="fallback"/>.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <param name="offset">The offset to show the local time in.</param>
    /// <param name="zulu">Whether to write <c>Z</c> (the offset must then be zero).</param>
    /// <param name="fallback">The NodaTime pattern for the rare values the fast path leaves alone.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant, Offset offset, bool zulu, IPattern<OffsetDateTime> fallback)
    {
        var local = instant.WithOffset(offset);
        if (local.Year is < 1 or > 9999 || offset.Seconds % 60 != 0)
        {
            return fallback.Format(local);
        }

        Span<char> buffer = stackalloc char[35];
        Write(buffer, 0, local.Year, 4);
        buffer[4] = '-';
        Write(buffer, 5, local.Month, 2);
        buffer[7] = '-';
        Write(buffer, 8, local.Day, 2);
        buffer[10] = 'T';
        Write(buffer, 11, local.Hour, 2);
        buffer[13] = ':';
        Write(buffer, 14, local.Minute, 2);
        buffer[16] = ':';
        Write(buffer, 17, local.Second, 2);
        var n = 19;
        var fraction = local.NanosecondOfSecond;
        if (fraction != 0)
        {
            buffer[n++] = '.';
            var digits = 9;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            Write(buffer, n, fraction, digits);
            n += digits;
        }

        if (zulu)
        {
            buffer[n++] = 'Z';
        }
        else
        {
            var seconds = offset.Seconds;
            buffer[n++] = seconds < 0 ? '-' : '+';
            seconds = Math.Abs(seconds);
            Write(buffer, n, seconds / 3600, 2);
            buffer[n + 2] = ':';
            Write(buffer, n + 3, seconds / 60 % 60, 2);
            n += 5;
        }

        return new string(buffer[..n]);
    }

    private static void Write(Span<char> buffer, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            buffer[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
