using Checkpoint.Providers;

namespace Checkpoint.Cli.Verification;

/// <summary>
/// Reads every store item once, through the raw listing, and reports each one that cannot be read by namespace and key;
/// the listing resumes past a damaged item, so one damage does not hide the rest.
/// </summary>
internal static class StoreVerifier
{
    /// <summary>Reads the whole store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="damages">Where damage is added.</param>
    /// <param name="advance">Called after each item, intact or damaged.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>How many items were checked, damaged ones included.</returns>
    public static async Task<int> VerifyAsync(BaseStore store, List<Damage> damages, Action advance, CancellationToken cancellationToken)
    {
        var count = 0;
        (StoreNamespace Namespace, string Key)? position = null; // the last item checked, in listing order
        while (true)
        {
            try
            {
                var items = position is { } at
                    ? store.ListRawItemsAsync(at.Namespace, at.Key, cancellationToken)
                    : store.ListRawItemsAsync(cancellationToken);
                await foreach (var item in items.ConfigureAwait(false))
                {
                    position = (item.Namespace, item.Key);
                    count++;
                    advance();
                }

                return count;
            }
            catch (CorruptItemException e) when (e.Namespace is { } ns && e.Key is { } key && e.Problem is { } problem && position != (ns, key))
            {
                damages.Add(Damage.Item(ns, key, problem));
                position = (ns, key);
                count++;
                advance();
            }
            catch (Exception e) when (ThreadVerifier.IsDamage(e))
            {
                // A failure that names no item (or names the one the listing resumed past) cannot be stepped over.
                var after = position is { } at ? $"{at.Namespace} '{at.Key}'" : "the start of the store";
                damages.Add(new Damage("unreadable-item", null, null, null, $"items after {after} were not checked: {ThreadVerifier.FirstLine(e.Message)}"));
                return count;
            }
        }
    }
}
