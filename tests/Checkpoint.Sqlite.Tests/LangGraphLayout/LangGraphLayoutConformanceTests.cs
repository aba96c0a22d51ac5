using Checkpoint.ConformanceSuite;
using Xunit;

namespace Checkpoint.Sqlite.Tests.LangGraphLayout;

// The checkpointer kit against SqliteLayout.LangGraph with LangGraph.js's wire format. Tests of what the layout cannot
// hold by design are skipped with the documented difference (docs/contracts.md, "Sharing threads with LangGraph");
// ListMatrix and ValueRoundTrip are not run here: they check that values load back as their exact CLR types, which
// LangGraph's untyped JSON does not keep (a List<string> loads as a List<object>), and DeltaChannelHistory expects a
// value stored per channel version, which a whole-checkpoint row is not.
#pragma warning disable SA1402, SA1649

/// <summary>Why tests are skipped for this layout.</summary>
internal static class LangGraphLayoutDifferences
{
    public const string NoTaskPath = "LangGraph's SQLite writes table has no task_path column: task paths read back empty.";

    public const string WholeRows = "LangGraph's SQLite layout stores every channel value in every checkpoint row, ignoring newVersions.";

    public const string Untyped = "LangGraph's JSON keeps no CLR element types: a List<string> loads as a List<object>.";

    public static Task Skip(string reason)
    {
        Assert.Skip(reason);
        return Task.CompletedTask;
    }

    public const string IntegerVersions = "LangGraph.js versions are integers: the first is \"1\" and two children of one version get the same next version.";
}

public sealed class LangGraphLayoutPutTests(LangGraphLayoutFixture fixture) : PutTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Put_then_get_in_child_namespace_returns_same_checkpoint_and_metadata(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.Untyped);

    public override Task Put_preserves_string_number_list_and_object_values(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.Untyped);

    public override Task Put_stores_values_only_for_channels_named_in_new_versions(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.WholeRows);

    public override Task Put_keeps_the_first_value_stored_for_a_channel_version(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.WholeRows);

    public override void Get_next_version_increments_the_counter_in_the_form_the_channel_uses(ApiMode mode) => Assert.Skip(LangGraphLayoutDifferences.IntegerVersions);

    public override void Get_next_version_from_the_same_version_twice_gives_distinct_versions(ApiMode mode) => Assert.Skip(LangGraphLayoutDifferences.IntegerVersions);
}

public sealed class LangGraphLayoutPutWritesTests(LangGraphLayoutFixture fixture) : PutWritesTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Put_writes_keeps_the_task_path(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);
}

public sealed class LangGraphLayoutGetTupleTests(LangGraphLayoutFixture fixture) : GetTupleTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Get_tuple_returns_parent_and_child_exactly_as_stored_in_root_namespace(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.Untyped);

    public override Task Get_tuple_returns_parent_and_child_exactly_as_stored_in_child_namespace(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.Untyped);

    public override Task Get_tuple_reconstructs_channels_carried_over_from_an_ancestor(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.WholeRows);
}

public sealed class LangGraphLayoutListTests(LangGraphLayoutFixture fixture) : ListTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task List_returns_whole_tuples_with_pending_writes(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);
}

public sealed class LangGraphLayoutDeleteThreadTests(LangGraphLayoutFixture fixture) : DeleteThreadTests(fixture), IClassFixture<LangGraphLayoutFixture>;

public sealed class LangGraphLayoutDeleteForRunsTests(LangGraphLayoutFixture fixture) : DeleteForRunsTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Delete_for_runs_keeps_channel_values_a_remaining_checkpoint_still_uses(ApiMode mode) =>
        LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.WholeRows);
}

public sealed class LangGraphLayoutCopyThreadTests(LangGraphLayoutFixture fixture) : CopyThreadTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Copy_thread_copies_pending_writes_with_task_paths(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);
}

public sealed class LangGraphLayoutPruneTests(LangGraphLayoutFixture fixture) : PruneTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Prune_keeps_the_writes_of_kept_checkpoints_and_drops_the_others(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);

    public override Task Prune_keeps_every_channel_value_of_kept_checkpoints_and_drops_unreferenced_ones(ApiMode mode) =>
        LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.WholeRows);
}

public sealed class LangGraphLayoutListThreadsTests(LangGraphLayoutFixture fixture) : ListThreadsTests(fixture), IClassFixture<LangGraphLayoutFixture>;

public sealed class LangGraphLayoutInputValidationTests(LangGraphLayoutFixture fixture) : InputValidationTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Namespaces_checkpoint_ids_task_ids_task_paths_and_channels_with_metacharacters_are_stored_verbatim(ApiMode mode) =>
        LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);

    public override Task Long_identifiers_that_differ_only_at_the_end_are_distinct(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);
}

public sealed class LangGraphLayoutLegacyPendingSendsTests(LangGraphLayoutFixture fixture) : LegacyPendingSendsTests(fixture), IClassFixture<LangGraphLayoutFixture>
{
    public override Task Migrated_sends_are_ordered_by_task_path_then_task_id_then_index(ApiMode mode) => LangGraphLayoutDifferences.Skip(LangGraphLayoutDifferences.NoTaskPath);
}
