using Npgsql;
using ParLedger.Interchange;
using ParLedger.Marten;

namespace ParLedger.Cli;

/// <summary>
/// Turns any failure into the tool's exit-code contract and one line naming the cause (never a stack trace, never
/// SQL or DDL; <c>--verbose</c> adds the details): 2 bad usage or input (arguments, files, an absent store),
/// 3 a store error (connection, conflict, SQL) or an internal error.
/// </summary>
internal static class ErrorReport
{
    private const int MaxLength = 400;

    public static (int ExitCode, string Message) Describe(Exception exception) => exception switch
    {
        CliException cli when cli.InnerException is { } inner && cli.ExitCode == 3 => (3, $"{cli.Message}: {RootCause(inner)}"),
        CliException cli => (cli.ExitCode, cli.Message),
        HistoryFormatException format => (2, OneLine(format.Message)),
        StoreNotFoundException absent => (2, absent.Message),
        StoreChangedException or DossierConcurrencyException => (3, $"store error: {OneLine(exception.Message)}"),
        _ when Find<NpgsqlException>(exception) is not null => (3, $"store error: {RootCause(exception)}"),
        _ when Find<TimeoutException>(exception) is { } timeout => (3, $"store error: {OneLine(timeout.Message)}"),
        FormatException format => (2, OneLine(format.Message)),
        UnauthorizedAccessException or IOException => (2, OneLine(exception.Message)),
        _ => (3, $"internal error: {exception.GetType().Name}: {OneLine(exception.Message)} (run with --verbose for details)"),
    };

    /// <summary>The root cause of a store failure in one line: PostgreSQL's own message, or the connection's.</summary>
    public static string RootCause(Exception exception)
    {
        if (Find<PostgresException>(exception) is { } pg)
        {
            var where = pg.TableName is { Length: > 0 } table ? $", table {pg.SchemaName}.{table}" : string.Empty;
            return OneLine($"{pg.MessageText} (SQLSTATE {pg.SqlState}{where})");
        }

        if (Find<NpgsqlException>(exception) is { } npgsql)
        {
            return npgsql.InnerException is { } inner and not NpgsqlException
                ? OneLine($"{FirstLine(npgsql.Message)} ({FirstLine(inner.Message)})")
                : OneLine(npgsql.Message);
        }

        return OneLine(exception.Message);
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate && Find<T>(aggregate.InnerExceptions[0]) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r', ' ', ':');

    private static string OneLine(string text)
    {
        var line = FirstLine(text);
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength), "…");
    }
}
