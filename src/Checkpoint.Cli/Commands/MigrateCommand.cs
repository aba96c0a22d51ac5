using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Backends;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint migrate</c>: applies pending schema migrations in a deployment step rather than at application start;
/// <c>--status</c> shows applied and pending versions, <c>--dry-run</c> prints what would run.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliApp app)
    {
        var status = new Option<bool>("--status") { Description = "Show each schema's applied and pending versions; change nothing." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the SQL (or commands) the migration would run; change nothing." };
        var json = CliApp.JsonOption();
        var command = new Command("migrate", "Apply pending migrations to the checkpointer's and the store's schema (what setup does), showing what runs.")
        {
            status, dryRun, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(status) && r.GetValue(dryRun))
            {
                r.AddError("--status and --dry-run cannot be combined: --status lists versions, --dry-run prints the scripts.");
            }
        });
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var before = await ReadAsync(backend, context.CancellationToken);
            if (context.Get(status))
            {
                Report(context, backend, before, context.Get(json));
            }
            else if (context.Get(dryRun))
            {
                PrintScripts(context, backend, before, context.Get(json));
            }
            else
            {
                if (before.FirstOrDefault(s => s.IsNewer) is { } newer)
                {
                    throw new CliException(ExitCodes.Failure, $"{newer.Component} is at version {newer.AppliedVersion}, newer than this tool knows ({newer.CurrentVersion}); nothing was changed. Use a newer version of the tool.");
                }

                await backend.Saver.SetupAsync(context.CancellationToken);
                await backend.Store.SetupAsync(context.CancellationToken);
                var after = await ReadAsync(backend, context.CancellationToken);
                Report(context, backend, after, context.Get(json), applied: before);
            }

            return before.Any(s => s.IsNewer) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<List<SchemaStatus>> ReadAsync(OpenedBackend backend, CancellationToken cancellationToken)
    {
        var statuses = new List<SchemaStatus>();
        foreach (var component in new object[] { backend.Saver, backend.Store })
        {
            var versioned = component as IVersionedSchema
                ?? throw new CliException(ExitCodes.Failure, $"{backend.Description}: {component.GetType().Name} does not report its schema version.");
            statuses.Add(await versioned.ReadSchemaStatusAsync(cancellationToken).ConfigureAwait(false));
        }

        return statuses;
    }

    private static void Report(CommandContext context, OpenedBackend backend, List<SchemaStatus> statuses, bool asJson, List<SchemaStatus>? applied = null)
    {
        if (asJson)
        {
            context.Console.WriteJsonArray(statuses.Select((s, i) => ToJson(s, applied?[i])));
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("schema").AddColumn(new TableColumn("applied").RightAligned())
                .AddColumn(new TableColumn("current").RightAligned()).AddColumn("state");
            foreach (var s in statuses)
            {
                table.AddRow(Markup.Escape(s.Component), s.AppliedVersion?.ToString(CultureInfo.InvariantCulture) ?? "-", s.CurrentVersion.ToString(CultureInfo.InvariantCulture), Markup.Escape(State(s)));
            }

            context.Console.Out.Write(table);
        }

        if (applied is not null)
        {
            var ran = applied.Sum(s => s.Pending.Count);
            context.Console.Info(ran == 0
                ? $"{backend.Description}: nothing to migrate; every schema is current."
                : $"{backend.Description}: applied {Format.Count(ran, "migration")}; every schema is current.");
        }
        else if (statuses.Any(s => s.IsNewer))
        {
            context.Console.Info($"{backend.Description}: a schema was migrated by a newer release; use a newer version of the tool.");
        }
        else
        {
            var pending = statuses.Sum(s => s.Pending.Count);
            context.Console.Info(pending == 0
                ? $"{backend.Description}: every schema is current."
                : $"{backend.Description}: {Format.Count(pending, "migration")} pending; 'checkpoint migrate' applies them ('--dry-run' shows them).");
        }
    }

    private static void PrintScripts(CommandContext context, OpenedBackend backend, List<SchemaStatus> statuses, bool asJson)
    {
        if (asJson)
        {
            context.Console.WriteJsonArray(statuses.Select(s => ToJson(s, null)));
            return;
        }

        foreach (var s in statuses.Where(s => s.Pending.Count > 0))
        {
            foreach (var migration in s.Pending)
            {
                context.Console.Output.WriteLine($"-- {s.Component}: version {migration.Version}");
                context.Console.Output.WriteLine(migration.Script.TrimEnd().TrimEnd(';') + ";");
                context.Console.Output.WriteLine();
            }
        }

        var pending = statuses.Sum(s => s.Pending.Count);
        context.Console.Info(pending == 0
            ? $"{backend.Description}: every schema is current; nothing would run."
            : $"{backend.Description}: dry run, nothing was changed; 'checkpoint migrate' runs the {Format.Count(pending, "migration")} above, each recorded with its version.");
    }

    private static string State(SchemaStatus status) => status switch
    {
        { IsNewer: true } => "newer than this tool",
        { AppliedVersion: null } => $"not set up ({Format.Count(status.Pending.Count, "migration")} pending)",
        { Pending.Count: > 0 } => $"{Format.Count(status.Pending.Count, "migration")} pending",
        _ => "current",
    };

    private static JsonObject ToJson(SchemaStatus status, SchemaStatus? before)
    {
        var json = new JsonObject
        {
            ["schema"] = status.Component,
            ["applied_version"] = status.AppliedVersion,
            ["current_version"] = status.CurrentVersion,
            ["state"] = status.IsNewer ? "newer" : status.AppliedVersion is null ? "not-set-up" : status.Pending.Count > 0 ? "pending" : "current",
            ["pending"] = new JsonArray([.. status.Pending.Select(m => (JsonNode)new JsonObject { ["version"] = m.Version, ["script"] = m.Script })]),
        };
        if (before is not null)
        {
            // What this run applied: the versions that were pending before it.
            json["applied_now"] = new JsonArray([.. before.Pending.Select(m => (JsonNode)JsonValue.Create(m.Version))]);
        }

        return json;
    }
}
