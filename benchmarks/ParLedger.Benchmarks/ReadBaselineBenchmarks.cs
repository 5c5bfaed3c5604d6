using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using NpgsqlTypes;
using ParLedger.Marten.Storage;

namespace ParLedger.Benchmarks;

/// <summary>
/// The baseline every log reader is measured against: read <c>mt_events</c> by binary COPY in the table's order and
/// deserialise each event with System.Text.Json into the domain's event records, and nothing else. Also the same read in
/// stream order (what a rebuild needs to fold dossier by dossier), and the read alone without deserialising.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ReadBaselineBenchmarks
{
    private NpgsqlDataSource? _dataSource;

    /// <summary>Copies of the Đồng Tháp history in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Copies { get; set; }

    public static IEnumerable<int> Sizes => BenchStores.Sizes;

    [GlobalSetup]
    public void Setup() => _dataSource = new NpgsqlDataSourceBuilder(BenchStores.Connection + ";Options=-c jit=off").Build();

    [GlobalCleanup]
    public void Cleanup() => _dataSource?.Dispose();

    [Benchmark(Description = "raw COPY read of mt_events + System.Text.Json deserialisation (baseline)")]
    public long CopyReadDeserialize() => Read(string.Empty, deserialize: true);

    [Benchmark(Description = "raw COPY read of mt_events, no deserialisation")]
    public long CopyRead() => Read(string.Empty, deserialize: false);

    [Benchmark(Description = "raw COPY read in stream order + deserialisation")]
    public long CopyReadInStreamOrderDeserialize() => Read(" order by stream_id, version", deserialize: true);

    /// <summary>The server's share of a stream-ordered read: an index scan of every event, which the client only counts.</summary>
    [Benchmark(Description = "raw COPY read in stream order, no deserialisation")]
    public long CopyReadInStreamOrder() => Read(" order by stream_id, version", deserialize: false);

    private long Read(string order, bool deserialize)
    {
        using var connection = _dataSource!.OpenConnection();
        using var export = connection.BeginBinaryExport($"copy (select type, data from {BenchStores.StoreSchema(Copies)}.mt_events{order}) to stdout (format binary)");
        long events = 0, bytes = 0;
        while (export.StartRow() != -1)
        {
            var type = export.Read<string>(NpgsqlDbType.Text);
            var data = export.Read<byte[]>(NpgsqlDbType.Jsonb);
            if (deserialize)
            {
                _ = EventJson.Deserialize(type, data);
            }
            else
            {
                bytes += data.Length;
            }

            events++;
        }

        return events + bytes;
    }
}
