namespace Checkpoint.Sqlite.Tests;

/// <summary>
/// One process of a rollout racing Setup (see <c>ProcessRace</c>): prints <c>ready</c>, then for each line read from
/// standard input (a database file) runs the saver's <c>Setup()</c> and the store's <c>SetupAsync()</c> of that file at
/// the same time and prints <c>ok</c>, or <c>error</c> and the exception on one line.
/// </summary>
internal static class SetupRace
{
    public static async Task<int> RunAsync()
    {
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        while (Console.In.ReadLine() is { } path)
        {
            try
            {
                using var saver = SqliteSaver.FromPath(path, new SqliteSaverOptions { BusyTimeout = TimeSpan.FromSeconds(60) });
                await using var store = SqliteStore.FromPath(path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromSeconds(60) });
                var saverSetup = Task.Run(saver.Setup);
                var storeSetup = store.SetupAsync();
                await Task.WhenAll(saverSetup, storeSetup);
                Console.Out.WriteLine("ok");
            }
            catch (Exception e)
            {
                Console.Out.WriteLine("error " + e.ToString().ReplaceLineEndings(" | "));
            }

            Console.Out.Flush();
        }

        return 0;
    }
}
