using System.Diagnostics;
using System.Globalization;
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
            return await import(new SynchronousProgress(p => stderr.WriteLine(p.Phase == "writing"
                ? string.Create(CultureInfo.InvariantCulture, $"import: writing to the store ({clock.Elapsed.TotalSeconds:F1} s)")
                : string.Create(CultureInfo.InvariantCulture, $"import: {p.Phase} {p.Done:N0} ({clock.Elapsed.TotalSeconds:F1} s)"))));
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
                            checking.Description = $"checking dossiers ({p.Done:N0})";
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
