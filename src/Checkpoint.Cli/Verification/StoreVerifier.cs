namespace Checkpoint.Cli.Verification;

/// <summary>Reads every store item (every namespace, page by page) and reports the ones that cannot be read.</summary>
internal static class StoreVerifier
{
    /// <summary>Reads the whole store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="damages">Where damage is added.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>How many items were read.</returns>
    public static async Task<int> VerifyAsync(BaseStore store, List<Damage> damages, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var ns in StoreReader.NamespacesAsync(store, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                count += await StoreReader.ItemsAsync(store, ns, cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ThreadVerifier.IsDamage(e))
            {
                damages.Add(new Damage("unreadable-item", null, null, null, $"namespace {ns}: {e.Message.Split('\n')[0]}"));
            }
        }

        return count;
    }
}
