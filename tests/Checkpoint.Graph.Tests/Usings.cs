global using Checkpoint.Graph.Tests.Support;
global using Xunit;
