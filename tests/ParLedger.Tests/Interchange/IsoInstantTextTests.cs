using CsCheck;
using NodaTime;
using NodaTime.Text;

namespace ParLedger.Tests.Interchange;

/// <summary>The fast instant paths agree with NodaTime's patterns wherever they decide, and leave everything else to them.</summary>
public class IsoInstantTextTests
{
    private static readonly OffsetDateTimePattern ExtendedIso = OffsetDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    private static readonly Gen<Instant> Instants =
        Gen.Long[Instant.FromUtc(1, 1, 2, 0, 0).ToUnixTimeTicks(), Instant.FromUtc(9999, 12, 30, 0, 0).ToUnixTimeTicks()]
            .SelectMany(ticks => Gen.OneOf(Gen.Const(0L), Gen.Long[0, 999_999_999], Gen.Int[0, 999].Select(ms => ms * 1_000_000L)),
                (ticks, nanos) => Instant.FromUnixTimeSeconds(ticks / NodaConstants.TicksPerSecond).PlusNanoseconds(nanos));

    private static readonly Gen<Offset> Offsets = Gen.OneOf(
        Gen.Const(Offset.Zero), Gen.Const(Offset.FromHours(7)), Gen.Int[-18 * 60, 18 * 60].Select(m => Offset.FromSeconds(m * 60)), Gen.Int[-18 * 3600, 18 * 3600].Select(Offset.FromSeconds));

    [Fact]
    public void Formatting_gives_the_text_of_NodaTimes_patterns_for_any_instant_and_offset()
    {
        Gen.Select(Instants, Offsets).Sample((instant, offset) =>
        {
            IsoInstantText.Format(instant, offset, zulu: false, WithOffset).Should().Be(WithOffset.Format(instant.WithOffset(offset)));
            IsoInstantText.Format(instant, Offset.Zero, zulu: true, ExtendedIso).Should().Be(InstantPattern.ExtendedIso.Format(instant));
        }, iter: 20_000);
    }

    [Fact]
    public void Parsing_formatted_text_agrees_with_NodaTime_and_round_trips()
    {
        Gen.Select(Instants, Offsets).Sample((instant, offset) =>
        {
            var text = WithOffset.Format(instant.WithOffset(offset));
            var decided = IsoInstantText.TryParseCommon(text, out var fast);
            var expected = ExtendedIso.Parse(text);
            expected.Success.Should().BeTrue(text);
            if (decided)
            {
                fast.Should().Be(expected.Value.ToInstant(), text);
            }

            InstantText.Parse(text).Should().Be(expected.Value.ToInstant(), text);
            if (offset.Seconds % 60 == 0)
            {
                InstantText.Parse(text).Should().Be(instant, $"{text} shows the instant exactly");
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Mangled_text_is_either_decided_as_NodaTime_decides_or_left_to_it()
    {
        var characters = "0123456789-:T.Z+ ,x".ToCharArray();
        Gen.Select(Instants, Offsets, Gen.Int[0, 31], Gen.Int[0, characters.Length - 1], Gen.Int[0, 2]).Sample((instant, offset, position, replacement, mode) =>
        {
            var text = WithOffset.Format(instant.WithOffset(offset));
            position = Math.Min(position, text.Length - 1);
            text = mode switch
            {
                0 => text[..position] + characters[replacement] + text[(position + 1)..],
                1 => text.Remove(position, 1),
                _ => text.Insert(position, characters[replacement].ToString()),
            };

            var expected = ExtendedIso.Parse(text);
            if (IsoInstantText.TryParseCommon(text, out var fast))
            {
                expected.Success.Should().BeTrue($"the fast path accepted '{text}'");
                fast.Should().Be(expected.Value.ToInstant(), text);
            }

            InstantText.TryParse(text, out var parsed).Should().Be(expected.Success, text);
            if (expected.Success)
            {
                parsed.Should().Be(expected.Value.ToInstant(), text);
            }
        }, iter: 50_000);
    }

    [Theory]
    [InlineData("2022-02-29T08:00:00+07:00")]
    [InlineData("2022-06-14T24:00:00+07:00")]
    [InlineData("2022-06-14T16:45:60+07:00")]
    [InlineData("2022-06-14T16:45:00")]
    [InlineData("2022-06-14T16:45:00.+07:00")]
    [InlineData("2022-06-14T16:45:00.1234567891+07:00")]
    [InlineData("2022-13-14T16:45:00Z")]
    [InlineData("0000-06-14T16:45:00Z")]
    [InlineData("2022-06-14T16:45:00+07:60")]
    public void Text_out_of_range_or_shape_is_not_decided_by_the_fast_path(string text)
    {
        IsoInstantText.TryParseCommon(text, out _).Should().BeFalse();
    }
}
