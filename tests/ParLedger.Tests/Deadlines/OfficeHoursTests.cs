using NodaTime;
using ParLedger.Deadlines;

namespace ParLedger.Tests.Deadlines;

public class OfficeHoursTests
{
    [Fact]
    public void Issue9_office_hours_with_the_same_periods_are_equal_and_hash_alike()
    {
        var built = new OfficeHours([(new LocalTime(7, 30), new LocalTime(11, 30)), (new LocalTime(13, 30), new LocalTime(17, 0))]);

        (built == OfficeHours.Default).Should().BeTrue();
        built.GetHashCode().Should().Be(OfficeHours.Default.GetHashCode());
        (new OfficeHours([(new LocalTime(7, 30), new LocalTime(11, 30)), (new LocalTime(13, 30), new LocalTime(17, 30))]) == OfficeHours.Default).Should().BeFalse();
    }
}
