using AgentService;
using Checkpoint;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// appsettings.json sits next to the program; the SQLite file it names goes to the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// The store's semantic search embeds with this offline model (a real service registers its own generator here).
builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashedWordsEmbeddingGenerator>();

// Checkpointer and store from configuration: "Checkpoint:Backend" picks the package, "Checkpoint:Saver" and
// "Checkpoint:Store" hold the connection string and options (the store takes the embedding generator above); their
// schema is set up when the host starts.
builder.Services.AddConfiguredCheckpointing(builder.Configuration.GetSection("Checkpoint"));

// The checkpointer's and the store's spans and metrics, exported to the console.
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("agent-service"))
    .WithTracing(tracing => tracing.AddSource(CheckpointTelemetry.ActivitySourceName).AddConsoleExporter())
    .WithMetrics(metrics => metrics.AddMeter(CheckpointTelemetry.MeterName).AddConsoleExporter());

builder.Services.Configure<AgentOptions>(builder.Configuration.GetSection("Agent"));
builder.Services.AddHostedService<ConversationWorker>();

// Runs one turn of the conversation and stops; disposing the host flushes the metrics to the console.
await builder.Build().RunAsync();
