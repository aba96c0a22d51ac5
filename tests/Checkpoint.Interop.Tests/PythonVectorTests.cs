using System.Text.Json.Nodes;
using Checkpoint.Interop.Tests.Data;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// LangGraph Python's stored values (PythonVectors/vectors.json, made as its README says) read with no configuration,
/// and what our <see cref="CheckpointWireFormat.LangGraphPython"/> writer produces for the same .NET values.
/// </summary>
public sealed class PythonVectorTests
{
    /// <summary>Gets the vectors by name.</summary>
    public static Dictionary<string, SerializedValue> Vectors { get; } = Load();

    public static TheoryData<string> Readable => [.. PythonCases.Expected.Keys];

    [Fact]
    public void Every_vector_has_an_expected_value()
    {
        Assert.Equal(Vectors.Keys.Order(StringComparer.Ordinal), PythonCases.Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void A_value_LangGraph_Python_stores_reads_as_the_expected_dotnet_value(string name)
    {
        var read = JsonCheckpointSerializer.Default.Deserialize(Vectors[name]);

        ValueAssert.Equal(PythonCases.Expected[name], read, $"'{name}' as we read it");
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void A_value_we_write_for_LangGraph_Python_reads_back_as_the_same_dotnet_value(string name)
    {
        var expected = PythonCases.Expected[name];
        var written = LangGraphSerializer.Python.Serialize(expected);

        ValueAssert.Equal(expected, JsonCheckpointSerializer.Default.Deserialize(written), $"'{name}' written by us and read back");
    }

    [Theory]
    [InlineData("human message")]
    [InlineData("conversation")]
    [InlineData("uuid")]
    [InlineData("decimal")]
    [InlineData("datetime utc")]
    [InlineData("datetime offset")]
    [InlineData("datetime naive")]
    [InlineData("date")]
    [InlineData("time")]
    [InlineData("timedelta")]
    [InlineData("negative timedelta")]
    [InlineData("dict with integer keys")]
    [InlineData("nested bytes")]
    public void Our_bytes_equal_LangGraph_Pythons_for_values_that_map_one_to_one(string name)
    {
        var written = LangGraphSerializer.Python.Serialize(PythonCases.Expected[name]);

        Assert.Equal(Vectors[name].Type, written.Type);
        Assert.Equal(Convert.ToHexStringLower(Vectors[name].Data), Convert.ToHexStringLower(written.Data));
    }

    [Fact]
    public void A_blocked_callable_is_never_called_and_reads_as_its_argument()
    {
        Assert.Equal("echo owned", JsonCheckpointSerializer.Default.Deserialize(Vectors["blocked callable"]));
    }

    private static Dictionary<string, SerializedValue> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "PythonVectors", "vectors.json");
        var vectors = JsonNode.Parse(File.ReadAllText(path))!["vectors"]!.AsArray();
        return vectors.ToDictionary(
            v => v!["name"]!.GetValue<string>(),
            v => new SerializedValue(v!["tag"]!.GetValue<string>(), Convert.FromHexString(v["data"]!.GetValue<string>())),
            StringComparer.Ordinal);
    }
}
