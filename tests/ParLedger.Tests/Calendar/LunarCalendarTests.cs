using NodaTime;
using ParLedger.Calendar;

namespace ParLedger.Tests.Calendar;

public class LunarCalendarTests
{
    [Theory]
    [InlineData(1985, "1985-01-21")] // China: 1985-02-20
    [InlineData(2007, "2007-02-17")] // China: 2007-02-18
    [InlineData(2020, "2020-01-25")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2030, "2030-02-02")] // China: 2030-02-03
    public void Tet_falls_on_Vietnams_dates(int year, string expected) =>
        LunarCalendar.NewYear(year).Should().Be(LocalDate.FromDateTime(DateTime.Parse(expected)));

    [Theory]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    public void Hung_Kings_day_is_the_tenth_of_the_third_lunar_month(int year, string expected) =>
        LunarCalendar.ToSolar(year, 3, 10).Should().Be(LocalDate.FromDateTime(DateTime.Parse(expected)));

    [Fact]
    public void A_leap_month_exists_only_where_the_year_has_one()
    {
        // 2023 has a leap second month (tháng 2 nhuận), starting 2023-03-22.
        LunarCalendar.ToSolar(2023, 2, 1, leapMonth: true).Should().Be(new LocalDate(2023, 3, 22));
        var act = () => LunarCalendar.ToSolar(2024, 2, 1, leapMonth: true);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2024*");
    }
}
