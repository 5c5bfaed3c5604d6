using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using NodaTime;
using Npgsql;

namespace ParLedger.Marten.Storage;

/// <summary>
/// Writes rows into a <c>copy … from stdin (format binary)</c> in PostgreSQL's binary COPY format, encoded into one buffer
/// and sent through Npgsql's raw COPY stream. It does what <see cref="NpgsqlBinaryImporter"/> does for the few column
/// types ParLedger's tables use, about ten times cheaper per value: the importer resolves, binds and writes an
/// <see cref="NpgsqlParameter"/> through an asynchronous state machine for every value, which made the client the
/// bottleneck of a bulk import (two thirds of its CPU; docs/benchmarks.md). The encodings are those of PostgreSQL's
/// <c>*_recv</c> functions (big-endian integers, dates in days and timestamps in microseconds since 2000-01-01 UTC,
/// one-dimensional arrays with their element type's OID, <c>jsonb</c> as version 1 and the text); a contract test
/// compares every one with what Npgsql writes. Errors of the server (a key violation) surface from <see cref="CompleteAsync"/>
/// as a <see cref="PostgresException"/>, as from the importer. Not thread-safe.
/// </summary>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int FlushAt = 256 * 1024;
    private const long PostgresEpochTicks = 630822816000000000L;
    private const uint Int2Oid = 21, DateOid = 1082;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    /// <summary>UTF-8 that refuses a lone surrogate, as Npgsql's encoding does, rather than writing U+FFFD for it.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
    private int _length;
    private short _columns = -1, _written;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Signature.CopyTo(_buffer, 0);
        _length = Signature.Length + 8; // flags and header-extension length, both zero
        _buffer.AsSpan(Signature.Length, 8).Clear();
    }

    /// <summary>Starts a binary COPY (<paramref name="copySql"/> must say <c>format binary</c>) on an open connection.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(copySql, ct).ConfigureAwait(false));

    /// <summary>Starts a row of <paramref name="columns"/> values; the previous row must have been given all of its own.</summary>
    public void StartRow(short columns)
    {
        CheckRowComplete();
        FlushIfFull();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), columns);
        _length += 2;
        (_columns, _written) = (columns, 0);
    }

    public void WriteNull() => Int32(-1, 0);

    public void Write(short value)
    {
        Int32(2, 2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void Write(short? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    public void Write(int value)
    {
        Int32(4, 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void Write(long value)
    {
        Int32(8, 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Write(bool value)
    {
        Int32(1, 1);
        _buffer[_length++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A <c>uuid</c>: its 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void Write(Guid value)
    {
        Int32(16, 16);
        value.TryWriteBytes(_buffer.AsSpan(_length, 16), bigEndian: true, out _);
        _length += 16;
    }

    /// <summary>A <c>text</c> or <c>varchar</c>: the string in UTF-8.</summary>
    public void WriteText(string value)
    {
        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        var bytes = Utf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        Int32(bytes, 0);
        _length += bytes;
    }

    /// <summary>A <c>jsonb</c> from UTF-8 JSON text: format version 1, then the text.</summary>
    public void WriteJsonb(ReadOnlySpan<byte> utf8Json)
    {
        Int32(1 + utf8Json.Length, 1 + utf8Json.Length);
        _buffer[_length++] = 1;
        utf8Json.CopyTo(_buffer.AsSpan(_length));
        _length += utf8Json.Length;
    }

    /// <summary>A <c>jsonb</c> from JSON text: format version 1, then the text in UTF-8.</summary>
    public void WriteJsonb(string json)
    {
        Ensure(5 + Utf8.GetMaxByteCount(json.Length));
        _buffer[_length + 4] = 1;
        var bytes = Utf8.GetBytes(json, _buffer.AsSpan(_length + 5));
        Int32(bytes + 1, 0);
        _length += bytes + 1;
    }

    /// <summary>
    /// A <c>timestamptz</c>: microseconds since 2000-01-01 UTC, truncated as Npgsql truncates; <see cref="DateTime.MinValue"/>
    /// and <see cref="DateTime.MaxValue"/> are <c>-infinity</c> and <c>infinity</c>, as Npgsql maps them.
    /// </summary>
    public void Write(DateTime utc)
    {
        if (utc == DateTime.MinValue || utc == DateTime.MaxValue)
        {
            Write(utc == DateTime.MinValue ? long.MinValue : long.MaxValue);
            return;
        }

        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A timestamptz value must be UTC; got a {utc.Kind} DateTime.", nameof(utc));
        }

        Write((utc.Ticks - PostgresEpochTicks) / 10);
    }

    /// <summary>A <c>timestamptz</c> from an instant.</summary>
    public void Write(Instant value) => Write(value.ToDateTimeUtc());

    /// <summary>A nullable <c>timestamptz</c>.</summary>
    public void Write(Instant? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>A <c>date</c>: days since 2000-01-01; <see cref="DateOnly.MinValue"/> and <see cref="DateOnly.MaxValue"/> are <c>-infinity</c> and <c>infinity</c>, as Npgsql maps them.</summary>
    public void Write(DateOnly value)
    {
        Int32(4, 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), Days(value));
        _length += 4;
    }

    /// <summary>A <c>smallint[]</c> of one dimension (no nulls).</summary>
    public void Write(short[] values)
    {
        var span = ArrayHeader(values.Length, 2, Int2Oid);
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, 2);
            BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
            span = span[6..];
        }
    }

    /// <summary>A <c>date[]</c> of one dimension (no nulls).</summary>
    public void Write(DateOnly[] values)
    {
        var span = ArrayHeader(values.Length, 4, DateOid);
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, 4);
            BinaryPrimitives.WriteInt32BigEndian(span[4..], Days(value));
            span = span[8..];
        }
    }

    /// <summary>Ends the COPY: the trailer, the last bytes, and the server's answer (its error, if any, is thrown here).</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        CheckRowComplete();
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), ct).ConfigureAwait(false);
        _length = 0;
        _completed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the COPY unless it was completed (nothing it sent is kept), and returns the buffer. Called while an
    /// exception unwinds (a failed write, a cancellation, the server's error), so it throws nothing of its own: the COPY
    /// may already have ended with the connection (Npgsql breaks it on a failed write), and the exception to report is
    /// the one unwinding, as <see cref="NpgsqlBinaryImporter"/>'s disposal does.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_completed)
            {
                _completed = true;
                await _stream.CancelAsync().ConfigureAwait(false);
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // The COPY is over either way; see the summary.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Writes a value's length (or -1 for null) and makes room for its <paramref name="room"/> bytes.</summary>
    private void Int32(int length, int room)
    {
        if (_written >= _columns)
        {
            throw new InvalidOperationException($"A binary COPY row was given more than its {_columns} values (or no row was started).");
        }

        _written++;
        Ensure(4 + room);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), length);
        _length += 4;
    }

    private Span<byte> ArrayHeader(int count, int elementSize, uint elementOid)
    {
        var body = (count == 0 ? 12 : 20) + (count * (4 + elementSize));
        Int32(body, body);
        var span = _buffer.AsSpan(_length, body);
        _length += body;
        BinaryPrimitives.WriteInt32BigEndian(span, count == 0 ? 0 : 1); // dimensions
        BinaryPrimitives.WriteInt32BigEndian(span[4..], 0); // no nulls
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], elementOid);
        if (count == 0)
        {
            return span[12..];
        }

        BinaryPrimitives.WriteInt32BigEndian(span[12..], count);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], 1); // lower bound
        return span[20..];
    }

    private static int Days(DateOnly value) =>
        value == DateOnly.MinValue ? int.MinValue : value == DateOnly.MaxValue ? int.MaxValue : value.DayNumber - PostgresEpochDay;

    private void CheckRowComplete()
    {
        if (_columns >= 0 && _written != _columns)
        {
            throw new InvalidOperationException($"A binary COPY row was given {_written} of its {_columns} values.");
        }
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Sends the buffered rows once they pass <see cref="FlushAt"/> bytes (only between rows).</summary>
    private void FlushIfFull()
    {
        if (_length >= FlushAt)
        {
            _stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }
}
