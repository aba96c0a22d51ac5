using System.Text.Json;
using Checkpoint;
using Checkpoint.AgentFramework;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Agent Framework persistence over the registered Checkpoint saver and store.</summary>
public static class AgentFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="CheckpointWorkflowStore"/> and a singleton <see cref="CheckpointManager"/> over the
    /// registered <see cref="BaseCheckpointSaver"/> (register one first, e.g. with <c>AddSqliteCheckpointSaver</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the store's namespace and timeout.</param>
    /// <param name="jsonSerializerOptions">JSON options for the workflows' own message and state types.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWorkflowCheckpointing(
        this IServiceCollection services, Action<CheckpointWorkflowStoreOptions>? configure = null, JsonSerializerOptions? jsonSerializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CheckpointWorkflowStoreOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new CheckpointWorkflowStore(sp.GetRequiredService<BaseCheckpointSaver>(), options));
        services.TryAddSingleton(sp => CheckpointManager.CreateJson(sp.GetRequiredService<CheckpointWorkflowStore>(), jsonSerializerOptions));
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="CheckpointAgentSessionStore"/>, also as <see cref="AgentSessionStore"/>, over the
    /// registered <see cref="BaseStore"/> (register one first, e.g. with <c>AddSqliteStore</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the namespace, time to live and agent identity.</param>
    /// <returns>The services.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MAAI001")]
    public static IServiceCollection AddCheckpointAgentSessionStore(this IServiceCollection services, Action<CheckpointAgentSessionStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CheckpointAgentSessionStoreOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new CheckpointAgentSessionStore(sp.GetRequiredService<BaseStore>(), options));
        services.TryAddSingleton<AgentSessionStore>(sp => sp.GetRequiredService<CheckpointAgentSessionStore>());
        return services;
    }
}
