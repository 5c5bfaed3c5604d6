using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ParLedger.Marten.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the integration tests use: <c>PARLEDGER_TEST_CONNECTION</c> when set; otherwise a throwaway
/// server started from the local binaries (initdb into a temp folder, a free port, its own socket folder, fsync off),
/// as the unprivileged user <c>nobody</c> when the tests run as root, and stopped and deleted when the test process exits.
/// Never a mock. No binaries and no connection: the tests fail saying how to install PostgreSQL.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static Task<string> AdminConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("PARLEDGER_TEST_CONNECTION") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBinaries() ?? await InstallAsync() ?? throw new InvalidOperationException(
            "PostgreSQL is needed by the integration tests and was not found (no pg_ctl on PATH or in /usr/lib/postgresql/*/bin). " +
            "Install it (Debian/Ubuntu: apt-get update && apt-get install -y postgresql) or set PARLEDGER_TEST_CONNECTION to a server's connection string.");
        CleanUpStaleServers(bin);

        var root = Path.Combine(Path.GetTempPath(), $"parledger-pg-{Environment.ProcessId}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "sockets");
        Directory.CreateDirectory(sockets);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "nobody", root], asNobody: false);
            await RunAsync("chmod", ["755", root], asNobody: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asRoot);
        var port = FreePort();
        var settings = $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", settings, "-w", "-t", "60", "start"], asRoot);

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, data, root, asRoot);
        StartWatchdog(bin, data, root, asRoot);
        var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=300";
        await using var probe = new NpgsqlConnection(connection);
        await probe.OpenAsync();
        return connection;
    }

    /// <summary>
    /// On a fresh Debian/Ubuntu machine where the tests run as root (a CI container, this project's workplace), installs
    /// PostgreSQL with apt-get, as <c>.ci/run</c> does, so that the README's test command works with only the .NET SDK.
    /// Anywhere else it does nothing and the tests fail saying how to install it.
    /// </summary>
    private static async Task<string?> InstallAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return null;
        }

        Console.Error.WriteLine("PostgreSQL not found: installing it with apt-get for the integration tests.");
        try
        {
            await RunAsync("sh", ["-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql"], asNobody: false);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"Installing PostgreSQL failed: {ex.Message}");
            return null;
        }

        return FindBinaries();
    }

    private static void Stop(string bin, string data, string root, bool asRoot)
    {
        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        // The server's processes may still be exiting: retry a few times.
        for (var attempt = 0; attempt < 10 && Directory.Exists(root); attempt++)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>
    /// A detached shell that waits for this test process to end, however it ends (normally, on a failure, killed), then
    /// stops the server and deletes its folder: the test runner may tear the process down before its exit handler is done.
    /// </summary>
    private static void StartWatchdog(string bin, string data, string root, bool asRoot)
    {
        var stop = asRoot ? $"runuser -u nobody -- '{bin}/pg_ctl' -D '{data}' -m immediate -w stop" : $"'{bin}/pg_ctl' -D '{data}' -m immediate -w stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{root}'";
        var start = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        try
        {
            Process.Start(start)?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no setsid: the exit handler and the stale-server clean-up of the next run remain
        }
    }

    /// <summary>Stops servers left behind by test processes that were killed before they could stop their own.</summary>
    private static void CleanUpStaleServers(string bin)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "parledger-pg-*"))
        {
            if (!int.TryParse(Path.GetFileName(dir)["parledger-pg-".Length..], out var pid) || pid == Environment.ProcessId || IsAlive(pid))
            {
                continue;
            }

            Stop(bin, Path.Combine(dir, "data"), dir, Environment.UserName == "root");
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return Path.GetDirectoryName(Path.GetFullPath(new FileInfo(Path.Combine(dir, "pg_ctl")).ResolveLinkTarget(true)?.FullName ?? Path.Combine(dir, "pg_ctl")));
            }
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asNobody)
    {
        var start = new ProcessStartInfo(asNobody ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asNobody)
        {
            foreach (var a in new[] { "-u", "nobody", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
