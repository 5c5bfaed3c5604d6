using System.Diagnostics;
using System.Globalization;

namespace ParLedger.Benchmarks;

/// <summary>
/// The processor time of one operation, on both sides of the connection: the suite's own process (the client: reading,
/// deserialising, folding, writing COPY rows) and every PostgreSQL process of the machine (the server: scans, turning
/// <c>jsonb</c> into text, COPY ingest, index builds, and any autovacuum running meanwhile), from Linux's <c>/proc</c>.
/// With the wall clock it says how busy the machine's cores were: an operation whose client and server need <c>C</c>
/// CPU-seconds cannot take less than <c>C</c> ÷ cores on this machine, however well its work overlaps. Each operation
/// runs once in the suite's process, after one warm-up of each at the first size, the store's projected tables
/// vacuumed and analysed and a checkpoint taken before it (<see cref="BenchStores.SettleProjectionsAsync"/>); only the
/// operation is measured, not its setup (opening the store) or cleanup, as BenchmarkDotNet measures only the benchmark method.
/// </summary>
internal static class CpuUse
{
    /// <summary>The operations, as the table names them, each made for a number of copies.</summary>
    private static readonly (string Name, Func<int, Operation> Make)[] Operations =
    [
        ("raw COPY read + STJ deserialisation (baseline)", copies =>
        {
            var baseline = new ReadBaselineBenchmarks { Copies = copies };
            return new(() => { baseline.Setup(); return Task.CompletedTask; }, () => Task.FromResult(baseline.CopyReadDeserialize()), () => { baseline.Cleanup(); return Task.CompletedTask; });
        }),
        ("ParLedger rebuild (`RebuildAsync`)", copies =>
        {
            var rebuild = new RebuildBenchmarks { Copies = copies };
            return new(rebuild.Setup, rebuild.Rebuild, rebuild.Cleanup);
        }),
        ("ParLedger as-of replay (`ReportAsOfAsync`)", copies =>
        {
            var replay = new RebuildBenchmarks { Copies = copies };
            return new(replay.Setup, replay.AsOfReplay, replay.Cleanup);
        }),
        ("ParLedger import of the JSONL file (empty store)", copies =>
        {
            var import = new ImportBenchmarks { Copies = copies };
            return new(async () => { await import.Setup(); import.EmptyTheStore(); }, import.ImportFile, import.Cleanup);
        }),
    ];

    /// <summary>The operations' names, in the order of <see cref="MeasureAsync(int, bool)"/>'s results.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Operations.Select(o => o.Name)];

    /// <summary>One operation's wall-clock and processor seconds.</summary>
    public readonly record struct Use(double Wall, double Client, double Server)
    {
        /// <summary>The shortest wall clock the operation's processor time allows on <see cref="Environment.ProcessorCount"/> cores.</summary>
        public double Bound => (Client + Server) / Environment.ProcessorCount;
    }

    /// <summary>Whether the server's processor time can be read here (Linux).</summary>
    public static bool Available => OperatingSystem.IsLinux() && Directory.Exists("/proc");

    /// <summary>The use of each operation of <see cref="Names"/> at <paramref name="copies"/>, after a warm-up run of each when <paramref name="warmUp"/>.</summary>
    public static async Task<Use[]> MeasureAsync(int copies, bool warmUp)
    {
        var uses = new Use[Operations.Length];
        for (var o = 0; o < Operations.Length; o++)
        {
            if (warmUp)
            {
                await MeasureAsync(Operations[o].Make(copies), copies);
            }

            uses[o] = await MeasureAsync(Operations[o].Make(copies), copies);
        }

        return uses;
    }

    /// <summary>The probe alone (<c>-- cpu-use 1 5</c>), on stores already loaded (by the suite, or an import): prints one line per operation and size.</summary>
    public static async Task<int> PrintAsync(int[] sizes)
    {
        for (var i = 0; i < sizes.Length; i++)
        {
            var uses = await MeasureAsync(sizes[i], warmUp: i == 0);
            for (var o = 0; o < Names.Count; o++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"×{sizes[i]} {Names[o]}: {uses[o].Wall:F2} s; {uses[o].Client:F1} + {uses[o].Server:F1} CPU-s; ≥ {uses[o].Bound:F2} s"));
            }
        }

        return 0;
    }

    /// <summary>An operation in three parts, of which only <see cref="Run"/> is measured (as BenchmarkDotNet measures only the benchmark method).</summary>
    private sealed record Operation(Func<Task> Setup, Func<Task> Run, Func<Task> Cleanup);

    private static async Task<Use> MeasureAsync(Operation operation, int copies)
    {
        await BenchStores.SettleProjectionsAsync(BenchStores.StoreSchema(copies));
        await operation.Setup();
        try
        {
            // Dirty pages of what came before are written now, not during the operation.
            await BenchStores.CheckpointAsync();
            await Task.Delay(Settle);
            var self = Process.GetCurrentProcess();
            self.Refresh();
            var (client, server) = (self.TotalProcessorTime, ServerSeconds());
            var clock = Stopwatch.StartNew();
            await operation.Run();
            var wall = clock.Elapsed.TotalSeconds;
            self.Refresh();
            var clientSeconds = (self.TotalProcessorTime - client).TotalSeconds;
            await Task.Delay(Settle);
            return new Use(wall, clientSeconds, ServerSeconds() - server);
        }
        finally
        {
            await operation.Cleanup();
        }
    }

    /// <summary>
    /// The pause before each reading of the server's time, so that any backend that ended has been reaped: <c>/proc</c>
    /// is read process by process in PID order, the postmaster first, so a backend reaped in between is counted in
    /// neither (a ×1 read's server time was read as 0.0 s so, when the read's connection was closed in the measurement).
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The processor seconds of every process named <c>postgres</c>, with those of its ended and reaped children (a
    /// backend that exits is counted in the postmaster's <c>cutime</c>/<c>cstime</c>): fields 14–17 of
    /// <c>/proc/[pid]/stat</c>, in clock ticks of 1/100 s (Linux's <c>USER_HZ</c>).
    /// </summary>
    private static double ServerSeconds()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() != "postgres")
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // After "pid (comm) ", field 3 (state) is at index 0: utime, stime, cutime, cstime are 14–17.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while being read: its time is now its parent's
            }
        }

        return ticks / 100d;
    }
}
