namespace Checkpoint.Abstractions.Tests.Model;

public sealed class RunConfigTests
{
    [Fact]
    public void A_number_reads_as_a_string_and_a_string_as_a_number()
    {
        var config = RunConfig.ForThread("1").With("user_id", 1).With("limit", "5").With("ratio", 0.5).With("flag", true);

        Assert.Equal("1", config.Get<string>("user_id"));
        Assert.Equal(5, config.Get<int>("limit"));
        Assert.Equal(5L, config.Get<long?>("limit"));
        Assert.Equal("0.5", config.Get<string>("ratio"));
        Assert.Equal("True", config.Get<string>("flag"));
    }

    [Fact]
    public void An_absent_or_null_value_reads_as_default()
    {
        var config = RunConfig.ForThread("1").With("none", null);

        Assert.Null(config.Get<string>("missing"));
        Assert.Null(config.Get<string>("none"));
        Assert.Equal(0, config.Get<int>("missing"));
    }

    [Fact]
    public void A_value_that_cannot_be_read_as_the_type_is_an_invalid_cast_naming_the_key()
    {
        var config = RunConfig.ForThread("1").With("limit", "many").With("list", new List<string>());

        var text = Assert.Throws<InvalidCastException>(() => config.Get<int>("limit"));
        var list = Assert.Throws<InvalidCastException>(() => config.Get<string>("list"));

        Assert.Contains("'limit'", text.Message, StringComparison.Ordinal);
        Assert.Contains("'list'", list.Message, StringComparison.Ordinal);
    }
}
