using BenchmarkDotNet.Running;
using ParLedger.Benchmarks;

// `-- suite`: the whole suite in one run (its own PostgreSQL, both history sizes, baselines, results and plots).
// `-- peak-memory rebuild|as-of COPIES`: one operation in a fresh process, printing its peak resident memory (the suite
// runs it). `-- cpu-use COPIES…`: the processor-time probe alone, against the stores of PARLEDGER_BENCH_CONNECTION (the
// suite runs it too). Anything else goes to BenchmarkDotNet's switcher (`--filter '*Replay*'`, `--list flat`, …).
return args switch
{
    ["suite", .. var rest] => await Suite.RunAsync(rest),
    ["peak-memory", var operation, var copies] => await PeakMemory.MeasureAsync(operation, int.Parse(copies, System.Globalization.CultureInfo.InvariantCulture)),
    ["cpu-use", .. var sizes] => await CpuUse.PrintAsync([.. sizes.Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ReplayBenchmarks).Assembly).Run(args);
    return 0;
}
