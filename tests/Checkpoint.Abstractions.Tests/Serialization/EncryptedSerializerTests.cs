using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Abstractions.Tests.Serialization;

public sealed class EncryptedSerializerTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Values_round_trip_and_are_not_stored_in_clear()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);

        var stored = serializer.Serialize("top secret conversation");

        Assert.Equal("json:string+aesgcm", stored.Type);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(stored.Data), StringComparison.Ordinal);
        Assert.Equal("top secret conversation", serializer.Deserialize(stored));
    }

    [Fact]
    public void Encrypting_the_same_value_twice_gives_different_bytes()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);

        Assert.NotEqual(serializer.Serialize("same").Data, serializer.Serialize("same").Data);
    }

    [Fact]
    public void Any_changed_byte_is_detected()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);
        var stored = serializer.Serialize(new List<int> { 1, 2, 3 });

        for (var i = 0; i < stored.Data.Length; i++)
        {
            var tampered = stored.Data.ToArray();
            tampered[i] ^= 0x01;
            Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Data = tampered }));
        }
    }

    [Fact]
    public void A_changed_type_tag_is_detected()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);
        var stored = serializer.Serialize(42);

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Type = "json:int64+aesgcm" }));

        Assert.Contains("authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_value_is_detected()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);

        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(new SerializedValue("json:string+aesgcm", new byte[10])));
    }

    [Fact]
    public void The_wrong_key_is_detected()
    {
        var stored = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key).Serialize("x");
        var other = new EncryptedSerializer(JsonCheckpointSerializer.Default, RandomNumberGenerator.GetBytes(32));

        Assert.Throws<CheckpointSerializationException>(() => other.Deserialize(stored));
    }

    [Fact]
    public void Previous_keys_still_decrypt_after_rotation()
    {
        var oldKey = RandomNumberGenerator.GetBytes(16);
        var stored = new EncryptedSerializer(JsonCheckpointSerializer.Default, oldKey).Serialize("before rotation");
        var rotated = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, PreviousKeys = { oldKey } });

        Assert.Equal("before rotation", rotated.Deserialize(stored));
        Assert.Equal("after", rotated.Deserialize(rotated.Serialize("after")));
    }

    [Fact]
    public void Unencrypted_values_written_before_encryption_stay_readable()
    {
        var plain = JsonCheckpointSerializer.Default.Serialize("legacy");

        Assert.Equal("legacy", new EncryptedSerializer(JsonCheckpointSerializer.Default, Key).Deserialize(plain));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(33)]
    public void Keys_of_invalid_length_are_rejected(int length)
    {
        Assert.Throws<ArgumentException>(() => new EncryptedSerializer(JsonCheckpointSerializer.Default, new byte[length]));
    }

    [Fact]
    public void From_environment_reads_a_base64_key_and_never_echoes_a_bad_one()
    {
        var variable = "CHECKPOINT_TEST_AES_" + Guid.NewGuid().ToString("N");
        try
        {
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(Key));
            var serializer = EncryptedSerializer.FromEnvironment(variable: variable);
            Assert.Equal("x", serializer.Deserialize(serializer.Serialize("x")));

            Environment.SetEnvironmentVariable(variable, "not-base64-!!-secretvalue");
            var error = Assert.Throws<InvalidOperationException>(() => EncryptedSerializer.FromEnvironment(variable: variable));
            Assert.DoesNotContain("secretvalue", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
