using System.CommandLine;
using ParLedger.Cli.Formats;

namespace ParLedger.Cli;

/// <summary>The <c>rebuild</c> command: the projected tables rebuilt from the event log, switched at once.</summary>
public static partial class ParLedgerCommand
{
    private static Command RebuildCommand(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("rebuild", "Rebuild the projected tables (facts, verdicts, sums) from the event log into new tables and switch to them at once; readers never see a half-built table, a failed or interrupted rebuild changes nothing, appends made meanwhile are kept.")
        {
            Connection, Schema,
        };
        command.SetAction((parse, ct) => Guarded(parse, stderr, async () =>
        {
            await using var ledger = await OpenAsync(parse, write: true, ct);
            var result = await RebuildProgressDisplay.RunAsync(stderr, progress => ledger.RebuildAsync(progress, ct));
            await stdout.WriteLineAsync(
                $"rebuilt from {Display.Number(result.Events)} events: {Display.Number(result.Dossiers)} dossiers, " +
                $"{Display.Number(result.CaughtUp)} appended to during the rebuild and applied before the switch.");
            return 0;
        }));
        return command;
    }
}
