using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ParLedger.Benchmarks.ReplayBenchmarks).Assembly).Run(args);
