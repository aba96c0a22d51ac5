using System.Diagnostics;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Files;

/// <summary>
/// Makes a file read-only for this process until disposed: permission bits, plus the immutable attribute when the
/// process runs as root (root ignores permission bits). Skips the test when the file cannot be made read-only.
/// </summary>
internal sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;
    private readonly bool _immutable;

    public ReadOnlyFile(string path)
    {
        _path = path;
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
            return;
        }

        _mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (CanWrite(path))
        {
            _immutable = RunChattr("+i");
        }

        Assert.SkipWhen(CanWrite(path), "This process can write the file despite its permissions (root without CAP_LINUX_IMMUTABLE).");
    }

    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(_path, File.GetAttributes(_path) & ~FileAttributes.ReadOnly);
            return;
        }

        if (_immutable)
        {
            RunChattr("-i");
        }

        File.SetUnixFileMode(_path, _mode);
    }

    private static bool CanWrite(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private bool RunChattr(string flag)
    {
        try
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, _path]) { RedirectStandardError = true, UseShellExecute = false });
            chattr!.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
