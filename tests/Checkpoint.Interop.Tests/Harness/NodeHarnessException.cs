namespace Checkpoint.Interop.Tests.Harness;

/// <summary>A harness command failed inside Node.js; the message is the JavaScript error with its stack.</summary>
public sealed class NodeHarnessException(string message) : Exception(message);
