using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Checkpoint.AgentFramework;

/// <summary>
/// An Agent Framework <see cref="AIContextProvider"/> that gives agents long-term memory from a <see cref="BaseStore"/>'s
/// semantic search: memories are store items under a namespace derived from a <see cref="MemoryScope"/> (user, agent,
/// session), found before a run (or through a search function the model calls) and added after a run by an extraction
/// delegate.
/// </summary>
/// <remarks>
/// <para>
/// The store must have semantic search configured (<see cref="StoreOptions.Index"/>, with an embedding generator); each
/// memory is an item <c>{"text": ..., extra fields}</c> whose <c>text</c> is embedded.
/// </para>
/// <para>
/// Memories found before a run are given as run <em>instructions</em>, not messages: instructions apply to that run only,
/// so a chat history provider never stores the injected memories as part of the conversation.
/// </para>
/// </remarks>
public sealed class CheckpointMemoryProvider : AIContextProvider
{
    private const string TextField = "text";

    private readonly BaseStore _store;
    private readonly CheckpointMemoryProviderOptions _options;
    private readonly IReadOnlyList<string> _prefix;
    private readonly ProviderSessionState<CheckpointMemoryState> _sessionState;
    private readonly ILogger _logger;
    private IReadOnlyList<string>? _stateKeys;

    /// <summary>Initializes a provider over <paramref name="store"/>.</summary>
    /// <param name="store">The store; it needs <see cref="StoreOptions.Index"/>. Not owned.</param>
    /// <param name="stateInitializer">Gives a session without state its scopes, e.g. <c>_ =&gt; new(new MemoryScope(userId: user))</c>.</param>
    /// <param name="options">Search, extraction and filter options; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where errors are logged when <see cref="CheckpointMemoryProviderOptions.ThrowOnError"/> is off.</param>
    /// <exception cref="ArgumentException">The store has no semantic search, or the prefix or function name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CheckpointMemoryProviderOptions.MaxResults"/> is not positive.</exception>
    public CheckpointMemoryProvider(
        BaseStore store,
        Func<AgentSession?, CheckpointMemoryState> stateInitializer,
        CheckpointMemoryProviderOptions? options = null,
        ILoggerFactory? loggerFactory = null)
        : base(options?.SearchInputMessageFilter, options?.StoreInputRequestMessageFilter, options?.StoreInputResponseMessageFilter)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stateInitializer);
        options ??= new CheckpointMemoryProviderOptions();
        if (store.Options.Index is null)
        {
            throw new ArgumentException(
                "The store has no semantic search: set StoreOptions.Index (an embedding generator and its dimensions) on the store this provider uses.", nameof(store));
        }

        if (options.MaxResults <= 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxResults", options.MaxResults, "MaxResults must be positive.");
        }

        ArgumentNullException.ThrowIfNull(options.NamespacePrefix, "options.NamespacePrefix");
        if (options.NamespacePrefix.Count == 0)
        {
            throw new ArgumentException("The namespace prefix needs at least one label.", "options.NamespacePrefix");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.FunctionName, "options.FunctionName");
        new StoreNamespace(options.NamespacePrefix).Validate();

        _store = store;
        _options = options;
        _prefix = [.. options.NamespacePrefix];
        _sessionState = new ProviderSessionState<CheckpointMemoryState>(stateInitializer, options.StateKey ?? nameof(CheckpointMemoryProvider));
        _logger = (ILogger?)loggerFactory?.CreateLogger<CheckpointMemoryProvider>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => _stateKeys ??= [_sessionState.StateKey];

    /// <summary>Returns the scopes a session stores and searches memories in, initializing them when the session has none.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The scopes.</returns>
    public CheckpointMemoryState GetState(AgentSession? session) => _sessionState.GetOrInitializeState(session);

    /// <summary>Searches a session's memories (its search scope and every narrower scope), best match first.</summary>
    /// <param name="session">The session.</param>
    /// <param name="query">What to look for, in natural language.</param>
    /// <param name="cancellationToken">A token to cancel the search.</param>
    /// <returns>Up to <see cref="CheckpointMemoryProviderOptions.MaxResults"/> items with their scores.</returns>
    public Task<IReadOnlyList<SearchItem>> SearchAsync(AgentSession? session, string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return SearchScopeAsync(GetState(session).SearchScope, query, cancellationToken);
    }

    /// <summary>Stores memories in a session's storage scope, in one batch (one embedding call).</summary>
    /// <param name="session">The session.</param>
    /// <param name="memories">The memories.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the memories are stored.</returns>
    /// <exception cref="ArgumentException">A memory's text is empty.</exception>
    public Task RememberAsync(AgentSession? session, IEnumerable<MemoryRecord> memories, CancellationToken cancellationToken = default) =>
        PutAsync(GetState(session).StorageScope, memories, cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = GetState(context.Session).SearchScope;
        if (_options.SearchBehavior == MemorySearchBehavior.OnDemandFunction)
        {
            var search = AIFunctionFactory.Create(
                (string query, CancellationToken token) => SearchAsTextAsync(scope, query, token),
                _options.FunctionName,
                _options.FunctionDescription);
            return new AIContext { Tools = [search] };
        }

        var query = string.Join('\n', (context.AIContext.Messages ?? []).Select(m => m.Text).Where(t => !string.IsNullOrWhiteSpace(t)));
        if (query.Length == 0)
        {
            return new AIContext();
        }

        var text = await SearchAsTextAsync(scope, query, cancellationToken).ConfigureAwait(false);
        return text.Length == 0 ? new AIContext() : new AIContext { Instructions = text };
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = GetState(context.Session).StorageScope;
        try
        {
            var extraction = new MemoryExtractionContext(context.Agent, context.Session, [.. context.RequestMessages], [.. context.ResponseMessages ?? []], scope);
            var memories = _options.Extractor is { } extractor
                ? await extractor(extraction, cancellationToken).ConfigureAwait(false)
                : UserMessages(extraction);
            await PutAsync(scope, memories ?? [], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_options.ThrowOnError && ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not store memories of scope {Scope}; the run goes on without them.", scope);
        }
    }

    private static IReadOnlyList<MemoryRecord> UserMessages(MemoryExtractionContext context) =>
        [.. context.RequestMessages.Where(m => m.Role == ChatRole.User && !string.IsNullOrWhiteSpace(m.Text)).Select(m => new MemoryRecord(m.Text))];

    private async Task<IReadOnlyList<SearchItem>> SearchScopeAsync(MemoryScope scope, string query, CancellationToken cancellationToken)
    {
        return await _store.SearchAsync(scope.ToNamespace(_prefix), query, limit: _options.MaxResults, cancellationToken: cancellationToken)
            .Where(i => _options.MinScore is not { } min || i.Score >= min)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SearchAsTextAsync(MemoryScope scope, string query, CancellationToken cancellationToken)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                return string.Empty;
            }

            var memories = (await SearchScopeAsync(scope, query, cancellationToken).ConfigureAwait(false))
                .Select(i => i.Value[TextField]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)i.Value[TextField] : null)
                .Where(t => !string.IsNullOrWhiteSpace(t))
                .ToList();
            if (memories.Count == 0)
            {
                return string.Empty;
            }

            var text = new StringBuilder(_options.ContextPrompt);
            foreach (var memory in memories)
            {
                text.Append("\n- ").Append(memory);
            }

            return text.ToString();
        }
        catch (Exception ex) when (!_options.ThrowOnError && ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not search memories of scope {Scope}; the run goes on without them.", scope);
            return string.Empty;
        }
    }

    private async Task PutAsync(MemoryScope scope, IEnumerable<MemoryRecord> memories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memories);
        var ns = scope.ToNamespace(_prefix);
        var indexing = ItemIndexing.Fields(TextField);
        var puts = new List<StoreOperation>();
        foreach (var memory in memories)
        {
            ArgumentNullException.ThrowIfNull(memory, nameof(memories));
            ArgumentException.ThrowIfNullOrWhiteSpace(memory.Text, nameof(memories));
            var value = memory.Properties?.DeepClone().AsObject() ?? [];
            value[TextField] = memory.Text;
            puts.Add(new PutOperation(ns, memory.Key ?? CheckpointId.Create(), value) { Index = indexing, Ttl = _options.Ttl });
        }

        if (puts.Count > 0)
        {
            await _store.BatchAsync(puts, cancellationToken).ConfigureAwait(false);
        }
    }
}
