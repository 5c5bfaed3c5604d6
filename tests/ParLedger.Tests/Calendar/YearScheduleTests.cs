using System.Collections.Immutable;
using NodaTime;
using ParLedger.Calendar;

namespace ParLedger.Tests.Calendar;

public class YearScheduleTests
{
    private const string Json = """{"year":2024,"sources":["Thông báo 5015/TB-LĐTBXH"],"days_off":[{"date":"2024-04-29","name":"Hoán đổi"}],"working_saturdays":["2024-05-04"]}""";

    [Fact]
    public void Issue9_two_schedules_read_from_the_same_text_are_equal_and_hash_alike()
    {
        var a = WorkingCalendar.ParseSchedules(Json, "a.json").Single();
        var b = WorkingCalendar.ParseSchedules(Json, "b.json").Single();

        (a == b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        new HashSet<YearSchedule> { a, b }.Should().HaveCount(1);
    }

    [Fact]
    public void Issue9_schedules_differing_in_any_day_saturday_or_source_are_not_equal()
    {
        var a = WorkingCalendar.ParseSchedules(Json, "a.json").Single();

        (a == a with { DaysOff = [new DayOff(new LocalDate(2024, 4, 29), "Hoán đổi (làm bù thứ Bảy 04/05/2024)", DayOffSource.Official)] }).Should().BeFalse();
        (a == a with { WorkingSaturdays = [] }).Should().BeFalse();
        (a == a with { Sources = ["another notice"] }).Should().BeFalse();
        (a == a with { Year = 2025 }).Should().BeFalse();
        a.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void A_schedule_built_with_default_arrays_is_equal_to_one_with_empty_arrays()
    {
        var unset = new YearSchedule(2024, default, default, default);
        var empty = new YearSchedule(2024, ImmutableArray<DayOff>.Empty, [], []);

        unset.Should().Be(empty);
        unset.GetHashCode().Should().Be(empty.GetHashCode());
        unset.DaysOff.Should().BeEmpty();
    }
}
