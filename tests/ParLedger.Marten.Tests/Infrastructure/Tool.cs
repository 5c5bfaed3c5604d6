using System.Diagnostics;
using System.Text;

namespace ParLedger.Marten.Tests.Infrastructure;

/// <summary>Runs the built <c>parledger</c> tool (ParLedger.Cli.dll, copied beside the tests) as a separate process.</summary>
public static class Tool
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "ParLedger.Cli.dll");

    /// <summary>Runs the tool with PARLEDGER_CONNECTION cleared, whatever the test process's environment holds.</summary>
    public static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>
    /// Runs the tool with PARLEDGER_CONNECTION cleared and then the given variables set for the child process alone
    /// (a <see langword="null"/> value removes the variable).
    /// </summary>
    public static async Task<(int Code, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("PARLEDGER_CONNECTION");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
