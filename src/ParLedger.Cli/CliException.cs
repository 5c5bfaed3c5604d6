namespace ParLedger.Cli;

/// <summary>An error the tool reports with an exit code: 2 bad usage or input, 3 a store error.</summary>
internal sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(2, message);

    public static CliException Store(string message, Exception? inner = null) => new(3, message, inner);
}
