using Npgsql;

namespace ParLedger.Marten.Tests.Infrastructure;

/// <summary>A database of its own for one test class, created on the shared server and dropped afterwards.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private string? _admin;

    /// <summary>The database's name.</summary>
    public string Name { get; } = $"t_{Guid.NewGuid():N}";

    /// <summary>The connection string of the class's own database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _admin = await PostgresServer.AdminConnectionStringAsync();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    /// <summary>A fresh schema name, so tests within the class do not see each other's data.</summary>
    public static string NewSchema() => $"s_{Guid.NewGuid():N}"[..20];

    public async Task DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
