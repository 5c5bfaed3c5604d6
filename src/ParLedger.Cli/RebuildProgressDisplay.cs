using System.Diagnostics;
using ParLedger.Cli.Formats;
using ParLedger.Marten;
using Spectre.Console;

namespace ParLedger.Cli;

/// <summary>Shows a rebuild's progress: a live status on a terminal, one plain line per phase when standard error is redirected.</summary>
internal static class RebuildProgressDisplay
{
    public static async Task<RebuildResult> RunAsync(TextWriter stderr, Func<IProgress<RebuildProgress>, Task<RebuildResult>> rebuild)
    {
        var clock = Stopwatch.StartNew();
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            var lines = new List<string>();
            var result = await rebuild(new SynchronousProgress(p =>
            {
                if (p.Phase != "reading")
                {
                    lines.Add($"rebuild: {p.Phase} after {Display.Number(p.Events)} events of {Display.Number(p.Dossiers)} dossiers ({Display.Seconds(clock.Elapsed)} s)");
                }
            }));
            foreach (var line in lines)
            {
                await stderr.WriteLineAsync(line);
            }

            await stderr.WriteLineAsync($"rebuild: switched ({Display.Seconds(clock.Elapsed)} s)");
            return result;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        RebuildResult? rebuilt = null;
        await console.Status().StartAsync("rebuild: reading the event log", async context =>
        {
            rebuilt = await rebuild(new SynchronousProgress(p =>
                context.Status($"rebuild: {p.Phase} ({Display.Number(p.Events)} events, {Display.Number(p.Dossiers)} dossiers, {Display.Seconds(clock.Elapsed)} s)")));
        });
        return rebuilt!;
    }

    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
