using CsCheck;
using NodaTime;
using ParLedger.Calendar;

namespace ParLedger.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    [Theory]
    [InlineData("2024-05-04", true)]  // Saturday worked in exchange for Monday 29/4
    [InlineData("2024-04-29", false)]
    [InlineData("2024-02-08", false)] // Tết 2024: 08/02–14/02
    [InlineData("2024-02-14", false)]
    [InlineData("2024-02-15", true)]
    [InlineData("2024-09-03", false)]
    [InlineData("2024-05-11", false)] // an ordinary Saturday
    [InlineData("2023-01-02", false)] // 1/1/2023 was a Sunday
    [InlineData("2023-01-20", false)]
    [InlineData("2023-05-03", false)]
    [InlineData("2023-09-04", false)]
    [InlineData("2023-09-05", true)]
    public void The_official_schedules_decide_their_years(string date, bool working) =>
        Calendar.IsWorkingDay(D(date)).Should().Be(working);

    [Fact]
    public void A_year_without_an_official_schedule_is_computed_from_the_Labour_Code_and_the_lunar_calendar()
    {
        Calendar.OfficialYears.Should().NotContain(2030);
        // Tết 2030 is Saturday 2 February: holidays 1–5 February, the Saturday and Sunday compensated on 6 and 7 February.
        var days = Calendar.DaysOff(2030).Where(d => d.Date.Month == 2).Select(d => (d.Date.Day, d.Name)).ToList();

        days.Should().Equal(
            (1, "Tết Nguyên đán"), (2, "Tết Nguyên đán"), (3, "Tết Nguyên đán"), (4, "Tết Nguyên đán"), (5, "Tết Nguyên đán"),
            (6, "Nghỉ bù (Tết Nguyên đán)"), (7, "Nghỉ bù (Tết Nguyên đán)"));
        Calendar.DaysOff(2030).Should().OnlyContain(d => d.Source == DayOffSource.Computed);
        Calendar.IsWorkingDay(D("2030-02-08")).Should().BeTrue();
        Calendar.IsWorkingDay(D("2028-01-03")).Should().BeFalse("1/1/2028 is a Saturday, compensated on Monday");
    }

    [Fact]
    public void A_users_schedule_replaces_the_shipped_one_for_its_year()
    {
        var schedules = WorkingCalendar.ParseSchedules("""{"year":2024,"sources":["test"],"days_off":[{"date":"2024-01-01","name":"Tết Dương lịch"}],"working_saturdays":[]}""", "mine.json");

        var calendar = Calendar.WithSchedules(schedules);

        calendar.IsWorkingDay(D("2024-02-08")).Should().BeTrue();
        calendar.IsWorkingDay(D("2024-05-04")).Should().BeFalse();
        calendar.SourcesOf(2024).Should().Equal("test");
    }

    [Theory]
    [InlineData("""{"days_off":[]}""", "mine.json: a schedule needs an integer 'year'.")]
    [InlineData("""{"year":2024,"days_off":[{"date":"2024-13-01"}]}""", "mine.json: days_off[0].date is not a date yyyy-MM-dd.")]
    [InlineData("""{"year":2024,"days_off":[{"date":"2025-01-01"}]}""", "mine.json: the schedule of 2024 lists 2025-01-01, which is in another year.")]
    [InlineData("""{"year":2024,"days_off":[],"working_saturdays":["2024-05-05"]}""", "mine.json: working_saturdays lists 2024-05-05, which is not a Saturday.")]
    public void A_bad_schedule_is_refused_naming_the_file_and_field(string json, string message)
    {
        var act = () => WorkingCalendar.ParseSchedules(json, "mine.json");

        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Adding_then_counting_working_days_gives_back_the_count_and_lands_on_a_working_day()
    {
        Gen.Select(Gen.Int[0, 365 * 12], Gen.Int[1, 80]).Sample((offset, days) =>
        {
            var start = new LocalDate(2020, 1, 1).PlusDays(offset);
            var end = Calendar.AddWorkingDays(start, days);

            Calendar.CountWorkingDays(start, end).Should().Be(days);
            Calendar.IsWorkingDay(end).Should().BeTrue();
            Calendar.CountWorkingDays(start, end.PlusDays(-1)).Should().Be(days - 1);
        }, iter: 500);
    }

    [Fact]
    public void Issue9_the_days_off_and_saturdays_handed_out_cannot_change_the_calendars_cache()
    {
        var calendar = new WorkingCalendar([]);
        var days = calendar.DaysOff(2030);
        var count = days.Count;

        days.Should().BeAssignableTo<ICollection<DayOff>>().Which.IsReadOnly.Should().BeTrue();
        ((Action)(() => ((ICollection<DayOff>)days).Clear())).Should().Throw<NotSupportedException>();
        ((Action)(() => ((ICollection<LocalDate>)calendar.WorkingSaturdays(2024)).Add(new LocalDate(2024, 5, 11)))).Should().Throw<NotSupportedException>();
        calendar.DaysOff(2030).Should().HaveCount(count);
        calendar.IsWorkingDay(new LocalDate(2030, 1, 1)).Should().BeFalse();
    }

    [Fact]
    public void Every_year_has_the_holidays_of_article_112_as_days_off()
    {
        Gen.Int[1990, 2060].Sample(year =>
        {
            var off = Calendar.DaysOff(year).Select(d => d.Date).ToHashSet();
            var tet = LunarCalendar.NewYear(year);

            // The Prime Minister places the five Tết days: an official schedule may end them before mùng 4 (2025: 28 Chạp–mùng 3).
            off.Should().Contain([new LocalDate(year, 1, 1), tet.PlusDays(-1), tet, LunarCalendar.ToSolar(year, 3, 10), new LocalDate(year, 4, 30), new LocalDate(year, 5, 1), new LocalDate(year, 9, 2)]);
            if (!Calendar.HasOfficialSchedule(year))
            {
                off.Should().Contain(tet.PlusDays(3));
            }

            Calendar.DaysOff(year).Count(d => d.Date.DayOfWeek < IsoDayOfWeek.Saturday).Should().BeGreaterThanOrEqualTo(11, "eleven holidays, each on a weekday or compensated by one");
        }, iter: 71);
    }

    private static LocalDate D(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
