namespace Checkpoint.Mongo;

/// <summary>Whether the saver wraps its multi-document operations in a MongoDB transaction.</summary>
public enum MongoTransactionMode
{
    /// <summary>
    /// Use a transaction when the deployment supports one (a replica set or a sharded cluster), else none. Without a
    /// transaction the saver stays consistent by write order: values first, the checkpoint document last.
    /// </summary>
    Auto,

    /// <summary>Never use transactions (the write order still keeps readers consistent).</summary>
    Never,

    /// <summary>Always use transactions; operations fail on a standalone server, which cannot run them.</summary>
    Required,
}
