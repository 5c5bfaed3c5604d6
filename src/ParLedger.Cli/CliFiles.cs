namespace ParLedger.Cli;

/// <summary>The tool's files: inputs checked before use, outputs written whole or not at all.</summary>
internal static class CliFiles
{
    /// <summary>The full path of an input file that exists and is a file.</summary>
    public static string Input(FileInfo file)
    {
        var path = file.FullName;
        if (Directory.Exists(path))
        {
            throw CliException.Usage($"{path}: is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw CliException.Usage($"{path}: no such file.");
        }

        // A history may be read twice (a second pass when its lines are not in business order): a pipe or device cannot.
        return path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal)
            ? throw CliException.Usage($"{path}: not a regular file; a history may be read twice, so save the stream to a file first.")
            : path;
    }

    /// <summary>
    /// The full path of an output file, checked before any work is done: its directory exists and it is not a directory.
    /// </summary>
    public static string Output(FileInfo file, string what)
    {
        var path = file.FullName;
        if (Directory.Exists(path) || Path.EndsInDirectorySeparator(file.ToString()))
        {
            throw CliException.Usage($"{what} '{file}': is a directory; give a file name.");
        }

        var directory = Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw CliException.Usage($"{what} '{file}': no such directory '{directory}'.");
        }

        return path;
    }

    /// <summary>
    /// Writes a file whole or not at all: into a temporary file beside it, moved over the target only when complete; the
    /// temporary file is deleted on any failure or cancellation. A symbolic link is followed (its final target is
    /// replaced, the link kept); a device (<c>/dev/null</c>, <c>/dev/stdout</c>) is written through.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && new FileInfo(path).LinkTarget is not null && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } final)
        {
            path = final.FullName;
        }

        if (path.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(path))
        {
            await using var through = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16, useAsync: false);
            await write(through, cancellationToken);
            return;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Nothing more can be done; the original error is what matters.
            }

            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot write '{path}': {ex.Message.Replace(temporary, path, StringComparison.Ordinal)}", ex);
            }

            throw;
        }
    }
}
