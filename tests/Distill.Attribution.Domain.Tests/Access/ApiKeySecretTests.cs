using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Domain.Tests.Access;

public sealed class ApiKeySecretTests
{
    [Test]
    public void ShouldParseAKeyItCreatedAndMatchItsHash()
    {
        var key = ApiKeySecret.Create();

        Assert.That(ApiKeySecret.TryParse(key.Text, out var parsed), Is.True);
        Assert.That(parsed.KeyId, Is.EqualTo(key.KeyId));
        Assert.That(parsed.Matches(key.Hash()), Is.True);
    }

    [Test]
    public void ShouldNotMatchAnotherKeyWithTheSameId()
    {
        var key = ApiKeySecret.Create();
        var forged = key.Text[..^1] + (key.Text[^1] == 'A' ? 'B' : 'A');

        Assert.That(ApiKeySecret.TryParse(forged, out var parsed), Is.True);
        Assert.That(parsed.Matches(key.Hash()), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Bearer dk_")]
    [TestCase("dk_short_secret")]
    [TestCase("dk_0123456789ab_")]
    public void ShouldRefuseMalformedKeys(string? text) =>
        Assert.That(ApiKeySecret.TryParse(text, out _), Is.False);

    [Test]
    public void ShouldNeverShowTheSecretWhenPrinted()
    {
        var key = ApiKeySecret.Create();
        var secret = key.Text[(key.Text.LastIndexOf('_') + 1)..];

        Assert.That(key.ToString(), Does.Not.Contain(secret));
        Assert.That(key.Hash(), Does.Not.Contain(secret));
    }

    [Test]
    public void ShouldCreateDifferentKeysEachTime()
    {
        var first = ApiKeySecret.Create();
        var second = ApiKeySecret.Create();

        Assert.That(second.Text, Is.Not.EqualTo(first.Text));
        Assert.That(second.KeyId, Is.Not.EqualTo(first.KeyId));
    }
}
