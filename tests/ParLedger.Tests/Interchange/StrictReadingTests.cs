using System.Text;
using ParLedger.Codes;
using ParLedger.Events;
using ParLedger.Interchange;
using ParLedger.Testing;

namespace ParLedger.Tests.Interchange;

/// <summary>Issue 9, points 1, 3 and 4: bytes that are not UTF-8, keys given twice, lines and values over the limits.</summary>
public class StrictReadingTests
{
    private const string Receipt = """{"dossier":"D1","type":"received","at":"2022-01-05T08:30:00+07:00","agency":"000.00.36.H57","procedure":"1.001234","level":"district","channel":"online","due":"2022-01-10T17:00:00+07:00"}""";

    /// <summary>Byte sequences that are not UTF-8: a lone continuation byte, a truncated sequence, an overlong encoding, an encoded surrogate, a byte never used, a Latin-1 'ệ'.</summary>
    public static TheoryData<string, byte[]> BadBytes() => new()
    {
        { "lone continuation", [0x80] },
        { "truncated 'ệ'", [0xE1, 0xBB] },
        { "overlong '/'", [0xC0, 0xAF] },
        { "encoded surrogate", [0xED, 0xA0, 0x80] },
        { "never used", [0xFF] },
        { "Windows-1258 'à'", [0xE0, 0x20] },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public void Bytes_that_are_not_UTF8_are_a_format_error_naming_the_exact_line_and_the_byte(string what, byte[] bad)
    {
        // The bad line comes after more than 128 KiB of good lines, so that a decoder reading ahead would blame another line.
        var good = Enumerable.Range(1, 1500).Select(i => Receipt.Replace("\"D1\"", $"\"D{i}\"", StringComparison.Ordinal)).ToList();
        var prefix = Encoding.UTF8.GetBytes("{\"dossier\":\"D9\",\"type\":\"received\",\"at\":\"2022-01-05T08:30:00+07:00\",\"agency\":\"000.00.36.H57\",\"procedure\":\"1.001234\",\"field\":\"H");
        var line = prefix.Concat(bad).Concat(Encoding.UTF8.GetBytes("\",\"level\":\"district\",\"channel\":\"online\",\"due\":\"2022-01-10T17:00:00+07:00\"}")).ToArray();
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', good) + "\n").Concat(line).Concat("\n"u8.ToArray()).Concat(Encoding.UTF8.GetBytes(Receipt)).ToArray();
        bytes.Length.Should().BeGreaterThan(2 * 128 * 1024, what);

        var act = () => JsonlHistoryReader.Read(new MemoryStream(bytes), "history.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>()
            .Where(e => e.LineNumber == 1501 && e.Dossier == "D9", what)
            .WithMessage($"history.jsonl:1501: dossier D9: invalid UTF-8 at byte {prefix.Length + 1} of the line ({Convert.ToHexString(bad)[..2]}*).");
    }

    [Fact]
    public void A_file_with_bad_bytes_is_refused_when_read_by_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Receipt + "\n" + Receipt.Replace("000.00.36.H57", "000.00.36.H5", StringComparison.Ordinal)).SkipLast(2), 0xC3, (byte)'"', (byte)'}']);

            var act = () => JsonlHistoryReader.ReadFile(path).ToList();

            act.Should().Throw<HistoryFormatException>().WithMessage($"{path}:2: dossier D1: invalid UTF-8 at byte * of the line (C3*).");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_UTF16_file_is_refused_on_its_first_line_saying_so()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Receipt)).ToArray();

        var act = () => JsonlHistoryReader.Read(new MemoryStream(bytes), "h.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>().WithMessage("h.jsonl:1: invalid UTF-8 at byte 1 of the line (FFFE*) (the file looks like UTF-16; the interchange format is UTF-8).");
    }

    [Fact]
    public void A_byte_order_mark_CRLF_line_ends_and_blank_lines_are_accepted()
    {
        var text = Receipt + "\r\n\r\n  \t\r\n" + """{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00"}""" + "\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var lines = JsonlHistoryReader.Read(new MemoryStream(bytes), "h").ToList();

        lines.Select(l => (l.LineNumber, l.Event.TypeName)).Should().Equal((1, "received"), (4, "resolved"));
    }

    [Fact]
    public void A_stream_read_one_byte_at_a_time_without_seeking_gives_the_events_the_writer_wrote()
    {
        var lines = RandomHistories.Generate(42, 50);
        var text = string.Join('\n', lines.Select(l => JsonlHistoryWriter.FormatLine(l.Dossier, l.Event)));

        var back = JsonlHistoryReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(text)), "trickle").ToList();

        back.Select(l => (l.Dossier, l.Event)).Should().Equal(lines.Select(l => (l.Dossier, l.Event)));
        back.Select(l => l.LineNumber).Should().Equal(Enumerable.Range(1, lines.Count));
    }

    [Fact]
    public void The_stream_position_follows_the_reading_for_a_progress_display()
    {
        var line = Encoding.UTF8.GetBytes(Receipt + "\n");
        var bytes = Enumerable.Repeat(line, 10_000).SelectMany(b => b).ToArray();
        using var stream = new MemoryStream(bytes);
        var positions = new List<long>();

        foreach (var _ in JsonlHistoryReader.Read(stream, "h"))
        {
            positions.Add(stream.Position);
        }

        positions.Should().HaveCount(10_000);
        positions[0].Should().BeLessThanOrEqualTo(128 * 1024, "the reader reads at most one block ahead");
        positions.Should().BeInAscendingOrder().And.Contain(bytes.Length);
        positions.Distinct().Count().Should().BeGreaterThan(10, "the position advances block by block, not all at once");
    }

    [Theory]
    [InlineData("""{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00","at":"2022-01-07T08:30:00+07:00"}""", "at")]
    [InlineData("""{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00","outcome":"approved","outcome":"refused"}""", "outcome")]
    [InlineData("""{"dossier":"D1","type":"resolved","type":"withdrawn","at":"2022-01-06T08:30:00+07:00"}""", "type")]
    [InlineData("""{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00","\u0061t":"2022-01-07T08:30:00+07:00"}""", "at")]
    [InlineData("""{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00","note":1,"note":2}""", "note")]
    [InlineData("""{"dossier":"D1","type":"resolved","at":"2022-01-06T08:30:00+07:00","electronic_result":true,"electronic_result":false}""", "electronic_result")]
    public void A_key_given_twice_in_a_line_is_refused(string line, string key)
    {
        var act = () => JsonlHistoryReader.Read(new StringReader(Receipt + "\n" + line), "history.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>().WithMessage($"history.jsonl:2: dossier D1: field '{key}' appears twice.");
    }

    [Fact]
    public void A_line_of_64_KiB_is_accepted_and_one_byte_more_is_refused_naming_the_limit()
    {
        static string Padded(int bytes)
        {
            var head = Receipt.TrimEnd('}') + ",\"padding\":\"";
            return head + new string('x', bytes - head.Length - 2) + "\"}";
        }

        var exact = Padded(64 * 1024);
        Encoding.UTF8.GetByteCount(exact).Should().Be(65_536);

        JsonlHistoryReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(exact + "\r\n")), "h").Should().ContainSingle();
        JsonlHistoryReader.Read(new StringReader(exact), "h").Should().ContainSingle();
        foreach (var read in new Func<IEnumerable<HistoryLine>>[]
        {
            () => JsonlHistoryReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Receipt + "\n" + Padded(65_537) + "\n")), "h.jsonl"),
            () => JsonlHistoryReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Receipt + "\n" + Padded(65_537))), "h.jsonl"),
            () => JsonlHistoryReader.Read(new StringReader(Receipt + "\n" + Padded(65_537)), "h.jsonl"),
        })
        {
            var act = () => read().ToList();
            act.Should().Throw<HistoryFormatException>().WithMessage("h.jsonl:2: dossier D1: the line is longer than 65,536 bytes, the limit of the interchange format.");
        }
    }

    [Fact]
    public void A_10_MB_line_is_refused_without_reading_it_all()
    {
        var line = Encoding.UTF8.GetBytes("""{"dossier":"D-big","type":"resolved","at":"2022-01-06T08:30:00+07:00","reason":""" + "\"" + new string('x', 10_000_000) + "\"}");
        using var stream = new MemoryStream([.. Encoding.UTF8.GetBytes(Receipt + "\n"), .. line]);

        var act = () => JsonlHistoryReader.Read(stream, "big.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>().WithMessage("big.jsonl:2: dossier D-big: the line is longer than 65,536 bytes*");
        stream.Position.Should().BeLessThan(512 * 1024);
    }

    [Fact]
    public void A_line_too_long_before_its_dossier_is_named_is_refused_naming_the_line()
    {
        var line = "{\"padding\":\"" + new string('x', 200_000) + "\",\"dossier\":\"D1\"}";

        var act = () => JsonlHistoryReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(line)), "h.jsonl").ToList();

        act.Should().Throw<HistoryFormatException>().WithMessage("h.jsonl:1: the line is longer than 65,536 bytes*").Where(e => e.Dossier == null);
    }

    [Fact]
    public void The_writer_refuses_an_event_the_reader_would_refuse()
    {
        var at = NodaTime.Instant.FromUtc(2022, 1, 6, 1, 30);

        var longCode = () => JsonlHistoryWriter.FormatLine(new DossierCode("D1"), new DossierTransferred(at, new AgencyCode(new string('A', 256)), null));
        var longText = () => JsonlHistoryWriter.FormatLine(new DossierCode("D1"), new DossierWithdrawn(at, new string('r', 4001)));
        var control = () => JsonlHistoryWriter.FormatLine(new DossierCode("D\n1"), new ResultReturned(at));

        longCode.Should().Throw<ArgumentException>().WithMessage("dossier D1: field 'to' is 256 characters long; the format accepts at most 255: the interchange format cannot carry it.");
        longText.Should().Throw<ArgumentException>().WithMessage("dossier D1: field 'reason' is 4,001 characters long*");
        control.Should().Throw<ArgumentException>().WithMessage("*field 'dossier' must not contain a control character (U+000A)*");
    }

    /// <summary>A stream that gives one byte per read and cannot seek, as a pipe might.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
