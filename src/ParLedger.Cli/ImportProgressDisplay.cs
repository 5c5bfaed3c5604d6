using System.Diagnostics;
using ParLedger.Cli.Formats;
using ParLedger.Marten;
using Spectre.Console;

namespace ParLedger.Cli;

/// <summary>Shows an import's progress: a progress bar on a terminal, plain lines when standard error is redirected.</summary>
internal static class ImportProgressDisplay
{
    public static async Task<ImportResult> RunAsync(TextWriter stderr, long length, Func<long> position, Func<IProgress<ImportProgress>, Task<ImportResult>> import)
    {
        var clock = Stopwatch.StartNew();
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            // Redirected (a log, a script): one line per phase with its unit, once the import is done. The one-pass path
            // reads, checks and writes chunk by chunk, so phases interleave; each is reported once, with its last count.
            var phases = new List<string>();
            var done = new Dictionary<string, (long Count, TimeSpan At)>(StringComparer.Ordinal);
            var imported = await import(new SynchronousProgress(p =>
            {
                if (!done.ContainsKey(p.Phase))
                {
                    phases.Add(p.Phase);
                }

                done[p.Phase] = (p.Done, clock.Elapsed);
            }));
            foreach (var phase in phases)
            {
                var (count, at) = done[phase];
                stderr.WriteLine(phase switch
                {
                    "reading" => $"import: read {Display.Number(count)} events ({Display.Seconds(at)} s)",
                    "checking" => $"import: checked {Display.Number(count)} dossiers ({Display.Seconds(at)} s)",
                    _ => $"import: wrote to the store ({Display.Seconds(clock.Elapsed)} s)",
                });
            }

            return imported;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ImportResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var reading = context.AddTask("reading the file", maxValue: Math.Max(1, length));
                var checking = context.AddTask("checking dossiers", autoStart: false).IsIndeterminate();
                var writing = context.AddTask("writing", autoStart: false).IsIndeterminate();
                result = await import(new SynchronousProgress(p =>
                {
                    switch (p.Phase)
                    {
                        case "reading":
                            reading.Value = Math.Min(length, position());
                            if (reading.Value >= length)
                            {
                                reading.StopTask();
                                checking.StartTask();
                            }

                            break;
                        case "checking":
                            reading.Value = reading.MaxValue;
                            reading.StopTask();
                            checking.StartTask();
                            checking.Description = $"checking dossiers ({Display.Number(p.Done)})";
                            break;
                        default:
                            checking.IsIndeterminate(false);
                            checking.Value = checking.MaxValue;
                            checking.StopTask();
                            writing.StartTask();
                            break;
                    }
                }));
                writing.IsIndeterminate(false);
                writing.Value = writing.MaxValue;
                writing.StopTask();
            });
        return result!;
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
