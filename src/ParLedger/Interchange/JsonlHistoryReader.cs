using System.Buffers;
using System.Text;

namespace ParLedger.Interchange;

/// <summary>
/// Reads the event interchange format (SPEC §6): JSON Lines, one event per line, UTF-8. Blank lines are ignored,
/// unknown fields are ignored, lines may come in any order; lines end with LF or CRLF, and a UTF-8 byte order mark may
/// open the file. Streams: one line in memory at a time.
/// Every error names the file, the line, the dossier (when the line names one) and the problem, on one line
/// (<see cref="HistoryFormatException"/>). Bad input is refused, never repaired: bytes that are not UTF-8, a key that
/// appears twice in a line, a field of the wrong JSON kind, an empty or white-space code, an unknown level, channel or
/// outcome, an instant without an offset, or a line, code or text over the limits below.
/// </summary>
/// <remarks>
/// Limits (<i>giới hạn</i> of the format; see docs/domain.md, "Interchange limits"): a line holds at most
/// <see cref="MaxLineBytes"/> bytes of UTF-8 (without its line break); a code (<c>dossier</c>, <c>agency</c>,
/// <c>procedure</c>, <c>to</c>, <c>from</c>, <c>responsible</c>) at most <see cref="MaxCodeLength"/> characters and no
/// control character; a free text (<c>field</c>, <c>reason</c>) at most <see cref="MaxTextLength"/> characters; an
/// instant's local date lies within <see cref="Periods.ReportingWindow.EarliestDate"/> ..
/// <see cref="Periods.ReportingWindow.LatestDate"/> (1900–2199, the working calendar's reach).
/// Characters are UTF-16 code units: one per Vietnamese letter in the usual precomposed form (NFC).
/// </remarks>
public static class JsonlHistoryReader
{
    /// <summary>The longest line the format accepts: 64 KiB of UTF-8, without the line break.</summary>
    /// <remarks>
    /// An event within the field limits takes at most about 35 KB even with every character escaped as <c>\uXXXX</c>
    /// (five codes of 255 characters and one text of 4,000, six bytes each, plus the fixed fields), so the line limit
    /// never refuses a valid event; it bounds the memory one line can take (a 10 MB line is refused after reading
    /// 64 KiB of it).
    /// </remarks>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>
    /// The longest code (<i>mã hồ sơ</i>, <i>mã cơ quan</i>, <i>mã thủ tục</i>): 255 characters. Real codes take 10 to 40
    /// (<c>000.00.36.H57-220105-0001</c>); 255 fits any database key column and keeps report rows readable.
    /// </summary>
    public const int MaxCodeLength = 255;

    /// <summary>
    /// The longest free text (<c>field</c>, <i>lĩnh vực</i>; <c>reason</c>): 4,000 characters, far above any field name or
    /// stated reason, and well below the 32,767 characters an XLSX cell holds (a field is a report row's key).
    /// </summary>
    public const int MaxTextLength = 4000;

    private const int BufferBytes = 2 * MaxLineBytes;

    /// <summary>Reads every event of a history file, lazily, in line order, strictly (as <see cref="Read(Stream, string)"/>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The events with their line numbers.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed.</exception>
    public static IEnumerable<HistoryLine> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileLines(path);

        static IEnumerable<HistoryLine> ReadFileLines(string path)
        {
            // No FileStream buffer: Read(Stream) reads in blocks of its own.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            foreach (var line in Read(stream, path))
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// Reads every event of a history from its UTF-8 bytes, lazily, in line order. Each line's bytes are checked to be
    /// UTF-8 on their own, so an error names the very line that holds bad bytes.
    /// </summary>
    /// <remarks>
    /// The stream is read sequentially from its current position to its end, in blocks of at most 128 KiB, never
    /// seeking: its <see cref="Stream.Position"/> (for a file) tells how far the reading has come, at most one block
    /// ahead of the last line yielded, which is what a progress display needs. The stream is not closed. One pooled
    /// 128 KiB buffer is used; a line is never copied into a string.
    /// </remarks>
    /// <param name="stream">The bytes, UTF-8.</param>
    /// <param name="source">The name used in error messages (the file's path).</param>
    /// <returns>The events with their line numbers.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed.</exception>
    public static IEnumerable<HistoryLine> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return ReadLines(stream, source);
    }

    /// <summary>
    /// Reads every event of a history from text already decoded, lazily, in line order, with the same checks as
    /// <see cref="Read(Stream, string)"/> except one: a <see cref="TextReader"/> has already decoded the bytes (a
    /// <see cref="StreamReader"/> turns bad UTF-8 into U+FFFD), so bytes that are not UTF-8 cannot be detected here.
    /// Read files and streams with <see cref="ReadFile(string)"/> or <see cref="Read(Stream, string)"/>; this overload is
    /// for text built in memory. A line is split as <see cref="TextReader.ReadLine"/> does (also at a lone CR), and a
    /// line over the limit is refused only after the reader has returned it whole.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name used in error messages (the file's path).</param>
    /// <returns>The events with their line numbers.</returns>
    /// <exception cref="HistoryFormatException">A line is malformed.</exception>
    public static IEnumerable<HistoryLine> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return ReadLines(reader, source);
    }

    private static IEnumerable<HistoryLine> ReadLines(Stream stream, string source)
    {
        var parser = new HistoryLineParser(source);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            int start = 0, end = 0, number = 0;
            var ended = false;
            while (true)
            {
                var length = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (length < 0)
                {
                    // The line has no end in the buffer yet. Past the limit (with room for a BOM and a CR) it is refused
                    // without reading the rest.
                    if (end - start > MaxLineBytes + 4)
                    {
                        throw HistoryLineParser.TooLong(source, number + 1, buffer.AsSpan(start, end - start));
                    }

                    if (ended)
                    {
                        if (end > start && Line(buffer, start, end, number + 1) is var (from, to) && to > from)
                        {
                            yield return parser.Parse(buffer.AsSpan(from, to - from), number + 1);
                        }

                        yield break;
                    }

                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    var read = stream.Read(buffer, end, BufferBytes - end);
                    ended = read == 0;
                    end += read;
                    continue;
                }

                number++;
                var (first, last) = Line(buffer, start, start + length, number);
                start += length + 1;
                if (last > first)
                {
                    yield return parser.Parse(buffer.AsSpan(first, last - first), number);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A line's bytes without the BOM (line 1), the CR of a CRLF, and empty when the line is blank.</summary>
    private static (int From, int To) Line(byte[] buffer, int from, int to, int number)
    {
        if (number == 1 && buffer.AsSpan(from, to - from).StartsWith("\uFEFF"u8))
        {
            from += 3;
        }

        if (to > from && buffer[to - 1] == (byte)'\r')
        {
            to--;
        }

        return buffer.AsSpan(from, to - from).IndexOfAnyExcept(" \t\r"u8) < 0 ? (from, from) : (from, to);
    }

    private static IEnumerable<HistoryLine> ReadLines(TextReader reader, string source)
    {
        var parser = new HistoryLineParser(source);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var number = 0;
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if (Encoding.UTF8.GetMaxByteCount(text.Length) > buffer.Length && Encoding.UTF8.GetByteCount(text) > buffer.Length)
                {
                    throw HistoryLineParser.TooLong(source, number, Encoding.UTF8.GetBytes(text[..MaxLineBytes]));
                }

                var length = Encoding.UTF8.GetBytes(text, buffer);
                yield return parser.Parse(buffer.AsSpan(0, length), number);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
