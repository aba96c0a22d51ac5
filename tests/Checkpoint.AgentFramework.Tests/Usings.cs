global using Checkpoint.AgentFramework.Tests.Support;
global using Xunit;
