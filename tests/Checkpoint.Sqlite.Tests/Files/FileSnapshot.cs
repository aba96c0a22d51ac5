using System.Security.Cryptography;

namespace Checkpoint.Sqlite.Tests.Files;

/// <summary>The SHA-256 of a file's bytes, to prove an operation left it untouched.</summary>
internal static class FileSnapshot
{
    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
