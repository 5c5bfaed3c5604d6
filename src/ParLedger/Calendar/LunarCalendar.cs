using NodaTime;

namespace ParLedger.Calendar;

/// <summary>
/// The Vietnamese lunisolar calendar (<i>âm lịch</i>), computed astronomically at UTC+07:00 (Hồ Ngọc Đức's method:
/// mean new moons with periodic corrections, and the sun's longitude for the winter-solstice month and leap months).
/// Vietnam's dates differ from China's (computed at UTC+08:00) in some years, e.g. Tết 1985, 2007, 2030, 2053.
/// </summary>
public static class LunarCalendar
{
    private const double TimeZone = 7.0;

    /// <summary>The solar date of a lunar date.</summary>
    /// <param name="lunarYear">The lunar year (the solar year its first month begins in).</param>
    /// <param name="lunarMonth">The lunar month, 1–12.</param>
    /// <param name="lunarDay">The lunar day, 1–30.</param>
    /// <param name="leapMonth">Whether the month is the leap (intercalary) month of that number.</param>
    /// <returns>The Gregorian date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The month or day is out of range, or the year has no such leap month.</exception>
    public static LocalDate ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false)
    {
        if (lunarMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, "A lunar month is between 1 and 12.");
        }

        if (lunarDay is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarDay), lunarDay, "A lunar day is between 1 and 30.");
        }

        long a11, b11;
        if (lunarMonth < 11)
        {
            a11 = LunarMonth11(lunarYear - 1);
            b11 = LunarMonth11(lunarYear);
        }
        else
        {
            a11 = LunarMonth11(lunarYear);
            b11 = LunarMonth11(lunarYear + 1);
        }

        var k = (long)Math.Floor(0.5 + ((a11 - 2415021.076998695) / 29.530588853));
        var off = lunarMonth - 11;
        if (off < 0)
        {
            off += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOff = LeapMonthOffset(a11);
            var leap = leapOff - 2;
            if (leap < 0)
            {
                leap += 12;
            }

            if (leapMonth && lunarMonth != leap)
            {
                throw new ArgumentOutOfRangeException(nameof(leapMonth), $"Lunar year {lunarYear} has no leap month {lunarMonth}.");
            }

            if (leapMonth || off >= leapOff)
            {
                off += 1;
            }
        }
        else if (leapMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(leapMonth), $"Lunar year {lunarYear} has no leap month.");
        }

        var monthStart = NewMoonDay(k + off);
        return FromJulianDay(monthStart + lunarDay - 1);
    }

    /// <summary>The first day of the lunar year (<i>mùng 1 Tết</i>) that begins in <paramref name="year"/>.</summary>
    /// <param name="year">The solar year.</param>
    /// <returns>The date of Tết.</returns>
    public static LocalDate NewYear(int year) => ToSolar(year, 1, 1);

    private static long JulianDay(LocalDate date)
    {
        var a = (14 - date.Month) / 12;
        var y = date.Year + 4800 - a;
        var m = date.Month + (12 * a) - 3;
        return date.Day + (((153 * m) + 2) / 5) + (365L * y) + (y / 4) - (y / 100) + (y / 400) - 32045;
    }

    private static LocalDate FromJulianDay(long jd)
    {
        var a = jd + 32044;
        var b = ((4 * a) + 3) / 146097;
        var c = a - (b * 146097 / 4);
        var d = ((4 * c) + 3) / 1461;
        var e = c - (1461 * d / 4);
        var m = ((5 * e) + 2) / 153;
        var day = (int)(e - (((153 * m) + 2) / 5) + 1);
        var month = (int)(m + 3 - (12 * (m / 10)));
        var year = (int)((b * 100) + d - 4800 + (m / 10));
        return new LocalDate(year, month, day);
    }

    private static long NewMoonDay(long k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + (29.53058868 * k) + (0.0001178 * t2) - (0.000000155 * t3);
        jd1 += 0.00033 * Math.Sin((166.56 + (132.87 * t) - (0.009173 * t2)) * dr);
        var m = 359.2242 + (29.10535608 * k) - (0.0000333 * t2) - (0.00000347 * t3);
        var mpr = 306.0253 + (385.81691806 * k) + (0.0107306 * t2) + (0.00001236 * t3);
        var f = 21.2964 + (390.67050646 * k) - (0.0016528 * t2) - (0.00000239 * t3);
        var c1 = ((0.1734 - (0.000393 * t)) * Math.Sin(m * dr)) + (0.0021 * Math.Sin(2 * dr * m));
        c1 = c1 - (0.4068 * Math.Sin(mpr * dr)) + (0.0161 * Math.Sin(dr * 2 * mpr));
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + (0.0104 * Math.Sin(dr * 2 * f)) - (0.0051 * Math.Sin(dr * (m + mpr)));
        c1 = c1 - (0.0074 * Math.Sin(dr * (m - mpr))) + (0.0004 * Math.Sin(dr * ((2 * f) + m)));
        c1 = c1 - (0.0004 * Math.Sin(dr * ((2 * f) - m))) - (0.0006 * Math.Sin(dr * ((2 * f) + mpr)));
        c1 = c1 + (0.0010 * Math.Sin(dr * ((2 * f) - mpr))) + (0.0005 * Math.Sin(dr * ((2 * mpr) + m)));
        var deltaT = t < -11
            ? 0.001 + (0.000839 * t) + (0.0002261 * t2) - (0.00000845 * t3) - (0.000000081 * t * t3)
            : -0.000278 + (0.000265 * t) + (0.000262 * t2);
        var jdNew = jd1 + c1 - deltaT;
        return (long)Math.Floor(jdNew + 0.5 + (TimeZone / 24));
    }

    private static int SunLongitude(long jdn)
    {
        var t = (jdn - 2451545.5 - (TimeZone / 24)) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + (35999.05030 * t) - (0.0001559 * t2) - (0.00000048 * t * t2);
        var l0 = 280.46645 + (36000.76983 * t) + (0.0003032 * t2);
        var dl = (1.914600 - (0.004817 * t) - (0.000014 * t2)) * Math.Sin(dr * m);
        dl = dl + ((0.019993 - (0.000101 * t)) * Math.Sin(dr * 2 * m)) + (0.000290 * Math.Sin(dr * 3 * m));
        var l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
        return (int)Math.Floor(l / Math.PI * 6);
    }

    private static long LunarMonth11(int year)
    {
        var off = JulianDay(new LocalDate(year, 12, 31)) - 2415021;
        var k = (long)Math.Floor(off / 29.530588853);
        var nm = NewMoonDay(k);
        return SunLongitude(nm) >= 9 ? NewMoonDay(k - 1) : nm;
    }

    private static int LeapMonthOffset(long a11)
    {
        var k = (long)Math.Floor(((a11 - 2415021.076998695) / 29.530588853) + 0.5);
        var i = 1;
        var arc = SunLongitude(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitude(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);

        return i - 1;
    }
}
