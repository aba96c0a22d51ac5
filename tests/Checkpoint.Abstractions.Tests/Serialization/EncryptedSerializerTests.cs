using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Abstractions.Tests.Serialization;

public sealed class EncryptedSerializerTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly ValueLocation Channel = ValueLocation.ChannelValue("thread-a", "", "messages", "00000000000000000000000000000002.0123456789012345");
    private static readonly ValueLocation Write = ValueLocation.PendingWrite("thread-a", "", "1ef-checkpoint", "task-1", 0, "messages");

    private static EncryptedSerializer Encrypted(byte[]? key = null) => new(JsonCheckpointSerializer.Default, key ?? Key);

    // Every field of a location, changed one at a time.
    public static TheoryData<string, ValueLocation> OtherPlaces => new()
    {
        { "another thread", ValueLocation.ChannelValue("thread-b", "", "messages", Channel.Version!) },
        { "another namespace", ValueLocation.ChannelValue("thread-a", "sub:1", "messages", Channel.Version!) },
        { "another channel", ValueLocation.ChannelValue("thread-a", "", "summary", Channel.Version!) },
        { "another version", ValueLocation.ChannelValue("thread-a", "", "messages", "00000000000000000000000000000003.0123456789012345") },
        { "a pending write", ValueLocation.PendingWrite("thread-a", "", Channel.Version!, "messages", 0, "messages") },
        { "no location", default },
        { "a field boundary moved", ValueLocation.ChannelValue("thread-a", "", "messages0", "0000000000000000000000000000002.0123456789012345") },
    };

    public static TheoryData<string, ValueLocation> OtherWrites => new()
    {
        { "another thread", ValueLocation.PendingWrite("thread-b", "", "1ef-checkpoint", "task-1", 0, "messages") },
        { "another namespace", ValueLocation.PendingWrite("thread-a", "sub:1", "1ef-checkpoint", "task-1", 0, "messages") },
        { "another checkpoint", ValueLocation.PendingWrite("thread-a", "", "1ef-checkpoinu", "task-1", 0, "messages") },
        { "another task", ValueLocation.PendingWrite("thread-a", "", "1ef-checkpoint", "task-2", 0, "messages") },
        { "another index", ValueLocation.PendingWrite("thread-a", "", "1ef-checkpoint", "task-1", 1, "messages") },
        { "another channel", ValueLocation.PendingWrite("thread-a", "", "1ef-checkpoint", "task-1", 0, "summary") },
        { "a channel value", ValueLocation.ChannelValue("thread-a", "", "messages", "1ef-checkpoint") },
    };

    [Fact]
    public void Values_round_trip_at_their_location_and_are_not_stored_in_clear()
    {
        var serializer = Encrypted();

        var stored = serializer.Serialize("top secret conversation", Channel);

        Assert.Equal("json:string+aesgcm:" + serializer.KeyId, stored.Type);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(stored.Data), StringComparison.Ordinal);
        Assert.Equal("top secret conversation", serializer.Deserialize(stored, Channel));
        Assert.True(((ICheckpointSerializer)serializer).BindsLocation);
    }

    [Fact]
    public void Encrypting_the_same_value_twice_gives_different_bytes()
    {
        var serializer = Encrypted();

        Assert.NotEqual(serializer.Serialize("same", Channel).Data, serializer.Serialize("same", Channel).Data);
    }

    [Fact]
    public void Every_flipped_bit_of_every_byte_is_detected()
    {
        var serializer = Encrypted();
        var stored = serializer.Serialize(new List<int> { 1, 2, 3 }, Channel);

        for (var i = 0; i < stored.Data.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = stored.Data.ToArray();
                tampered[i] ^= (byte)(1 << bit);
                var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Data = tampered }, Channel));
                Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_truncation_and_every_extension_is_detected()
    {
        var serializer = Encrypted();
        var stored = serializer.Serialize("a value of a few bytes", Channel);

        for (var length = 0; length < stored.Data.Length; length++)
        {
            Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Data = stored.Data[..length] }, Channel));
        }

        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Data = [.. stored.Data, 0] }, Channel));
    }

    [Theory]
    [InlineData("json:int64")]
    [InlineData("json:string+aesgcm")]
    [InlineData("bytes")]
    [InlineData("null")]
    public void A_changed_inner_type_tag_is_detected(string innerTag)
    {
        var serializer = Encrypted();
        var stored = serializer.Serialize(42, Channel);

        var error = Assert.Throws<CheckpointSerializationException>(() =>
            serializer.Deserialize(stored with { Type = innerTag + "+aesgcm:" + serializer.KeyId }, Channel));

        Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OtherPlaces))]
    public void A_channel_value_moved_to_another_place_is_refused(string place, ValueLocation other)
    {
        var serializer = Encrypted();
        var stored = serializer.Serialize("thread A's secret", Channel);

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored, other));

        Assert.Contains("written for another place", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(place));
    }

    [Theory]
    [MemberData(nameof(OtherWrites))]
    public void A_pending_write_moved_to_another_place_is_refused(string place, ValueLocation other)
    {
        var serializer = Encrypted();
        var stored = serializer.Serialize("resume value", Write);

        Assert.Equal("resume value", serializer.Deserialize(stored, Write));
        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored, other));
        Assert.False(string.IsNullOrEmpty(place));
    }

    [Fact]
    public void A_value_serialized_with_no_location_reads_back_only_with_no_location()
    {
        var serializer = Encrypted();

        var stored = serializer.Serialize("x");

        Assert.Equal("x", serializer.Deserialize(stored));
        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored, Channel));
    }

    [Theory]
    [InlineData("json:string", "\"attacker-chosen\"")]
    [InlineData("null", "")]
    [InlineData("bytes", "AAAA")]
    [InlineData("json:list<any>", "[]")]
    public void A_plain_value_where_an_encrypted_one_belongs_is_refused_by_default(string tag, string data)
    {
        var serializer = Encrypted();

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(new SerializedValue(tag, Encoding.UTF8.GetBytes(data)), Channel));

        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowUnencryptedReads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_values_are_read_while_migrating_and_new_values_are_still_encrypted()
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, AllowUnencryptedReads = true });
        var plain = JsonCheckpointSerializer.Default.Serialize("legacy");

        Assert.Equal("legacy", serializer.Deserialize(plain, Channel));
        Assert.EndsWith("+aesgcm:" + serializer.KeyId, serializer.Serialize("new", Channel).Type, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unbound_0_1_format_is_refused_by_default_and_read_while_migrating()
    {
        var legacy = EncryptUnbound("json:string", "\"old secret\""u8.ToArray(), Key);

        var error = Assert.Throws<CheckpointSerializationException>(() => Encrypted().Deserialize(legacy, Channel));
        var migrating = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, AllowUnencryptedReads = true });

        Assert.Contains("0.1 format", error.Message, StringComparison.Ordinal);
        Assert.Equal("old secret", migrating.Deserialize(legacy, Channel));
        Assert.Throws<CheckpointSerializationException>(() => migrating.Deserialize(legacy with { Type = "json:int64+aesgcm" }, Channel));
    }

    [Fact]
    public void The_wrong_key_with_the_same_id_is_detected()
    {
        var stored = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, KeyId = "prod" }).Serialize("x", Channel);
        var other = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = RandomNumberGenerator.GetBytes(32), KeyId = "prod" });

        Assert.Throws<CheckpointSerializationException>(() => other.Deserialize(stored, Channel));
    }

    [Fact]
    public void A_value_whose_key_is_not_configured_names_the_key_id()
    {
        var stored = Encrypted().Serialize("x", Channel);
        var other = Encrypted(RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<CheckpointSerializationException>(() => other.Deserialize(stored, Channel));

        Assert.Contains($"key '{Encrypted().KeyId}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PreviousKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_key_id_is_detected_even_when_it_names_a_configured_key()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, KeyId = "new", PreviousKeys = { new EncryptionKey(oldKey, "old") } });
        var stored = serializer.Serialize("x", Channel);

        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored with { Type = "json:string+aesgcm:old" }, Channel));
    }

    [Fact]
    public void After_rotation_old_values_read_with_the_previous_key_and_new_values_use_the_new_one()
    {
        var oldKey = RandomNumberGenerator.GetBytes(16);
        var before = Encrypted(oldKey);
        var stored = before.Serialize("before rotation", Channel);
        var rotated = new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, PreviousKeys = { oldKey } });

        var written = rotated.Serialize("after", Channel);

        Assert.Equal("before rotation", rotated.Deserialize(stored, Channel));
        Assert.Equal("after", rotated.Deserialize(written, Channel));
        Assert.EndsWith(":" + rotated.KeyId, written.Type, StringComparison.Ordinal);
        Assert.NotEqual(before.KeyId, rotated.KeyId);
        Assert.Throws<CheckpointSerializationException>(() => before.Deserialize(written, Channel));
    }

    [Fact]
    public void Key_ids_default_to_a_stable_fingerprint_that_does_not_contain_the_key()
    {
        var id = Encrypted().KeyId;

        Assert.Equal(id, Encrypted().KeyId);
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.DoesNotContain(id, Convert.ToHexStringLower(Key), StringComparison.Ordinal);
        Assert.Equal("AES key '" + id + "'", new EncryptionKey(Key).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:inside")]
    [InlineData("plus+")]
    public void Malformed_key_ids_are_rejected(string id)
    {
        Assert.Throws<ArgumentException>(() => new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = Key, KeyId = id }));
    }

    [Fact]
    public void Two_keys_with_one_id_are_rejected()
    {
        var options = new EncryptedSerializerOptions { Key = Key, KeyId = "k1", PreviousKeys = { new EncryptionKey(RandomNumberGenerator.GetBytes(32), "k1") } };

        var error = Assert.Throws<ArgumentException>(() => new EncryptedSerializer(JsonCheckpointSerializer.Default, options));

        Assert.Contains("'k1'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(33)]
    public void Keys_of_invalid_length_are_rejected(int length)
    {
        Assert.Throws<ArgumentException>(() => new EncryptedSerializer(JsonCheckpointSerializer.Default, new byte[length]));
        Assert.Throws<ArgumentException>(() => new EncryptedSerializerOptions { Key = Key, PreviousKeys = { new byte[length] } });
    }

    [Fact]
    public void From_environment_reads_a_base64_key_and_never_echoes_a_bad_one()
    {
        var variable = "CHECKPOINT_TEST_AES_" + Guid.NewGuid().ToString("N");
        try
        {
            Environment.SetEnvironmentVariable(variable, Convert.ToBase64String(Key));
            var serializer = EncryptedSerializer.FromEnvironment(variable: variable);
            Assert.Equal("x", serializer.Deserialize(serializer.Serialize("x", Channel), Channel));

            Environment.SetEnvironmentVariable(variable, "not-base64-!!-secretvalue");
            var error = Assert.Throws<InvalidOperationException>(() => EncryptedSerializer.FromEnvironment(variable: variable));
            Assert.DoesNotContain("secretvalue", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    // The format of release 0.1: nonce | tag | ciphertext, authenticated data the inner tag only.
    private static SerializedValue EncryptUnbound(string innerType, byte[] plain, byte[] key)
    {
        var output = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes(innerType));
        return new SerializedValue(innerType + "+aesgcm", output);
    }
}
