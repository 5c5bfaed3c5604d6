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
            // Redirected (a log, a script): one line per finished phase, with its unit, not a line per chunk.
            ImportProgress? current = null;
            void Finish(ImportProgress phase) => stderr.WriteLine(phase.Phase switch
            {
                "reading" => $"import: read {Display.Number(phase.Done)} events ({Display.Seconds(clock.Elapsed)} s)",
                "checking" => $"import: checked {Display.Number(phase.Done)} dossiers ({Display.Seconds(clock.Elapsed)} s)",
                _ => $"import: wrote to the store ({Display.Seconds(clock.Elapsed)} s)",
            });
            var imported = await import(new SynchronousProgress(p =>
            {
                if (current is { } previous && previous.Phase != p.Phase)
                {
                    Finish(previous);
                }

                current = p;
            }));
            if (current is { } last)
            {
                Finish(last);
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
