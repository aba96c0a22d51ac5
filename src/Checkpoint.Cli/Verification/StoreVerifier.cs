using Checkpoint.Providers;

namespace Checkpoint.Cli.Verification;

/// <summary>Reads every store item once, through the raw listing, and reports what cannot be read.</summary>
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
        RawItem? last = null;
        try
        {
            await foreach (var item in store.ListRawItemsAsync(cancellationToken).ConfigureAwait(false))
            {
                last = item;
                count++;
            }
        }
        catch (Exception e) when (ThreadVerifier.IsDamage(e))
        {
            // The listing cannot step over an item it cannot read: name where it stopped.
            var after = last is null ? "at the first item" : $"after {last.Namespace} '{last.Key}'";
            damages.Add(new Damage("unreadable-item", null, null, null, $"{after}: {e.Message.Split('\n')[0]}"));
        }

        return count;
    }
}
