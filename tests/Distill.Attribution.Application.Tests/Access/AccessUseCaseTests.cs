using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.AuthenticateApiKey;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Access.CreateApiKey;
using Distill.Attribution.Application.Access.ListApiKeys;
using Distill.Attribution.Application.Access.RevokeApiKey;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Testing.Fakes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Tests.Access;

public sealed class AccessUseCaseTests
{
    [Test]
    public async Task ShouldAuthenticateACreatedKeyWithItsRoleAndStoreOnlyItsHash()
    {
        var store = new InMemoryAccessStore();
        var created = await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("analyst", "alice"));

        var who = await Send(store, new FixedCaller(null, null), new AuthenticateApiKeyQuery(created.Key));

        Assert.That(who, Is.EqualTo(new AuthenticatedKey(created.KeyId, Role.Analyst)));
        var stored = store.Keys.Single();
        Assert.That(stored.Hash, Is.Not.EqualTo(created.Key));
        Assert.That(stored.Hash, Does.Not.Contain(created.Key[^20..]));
    }

    [TestCase(null)]
    [TestCase("dk_000000000000_notakey")]
    [TestCase("garbage")]
    public async Task ShouldNotAuthenticateAnUnknownOrMalformedKey(string? presented)
    {
        var store = new InMemoryAccessStore();
        await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("admin", null, "Ada Admin"));

        Assert.That(await Send(store, new FixedCaller(null, null), new AuthenticateApiKeyQuery(presented)), Is.Null);
    }

    [TestCase("legal")]
    [TestCase("admin")]
    public async Task ShouldRefuseALegalOrAdminKeyWithoutANamedHolder(string role)
    {
        var store = new InMemoryAccessStore();

        foreach (var holder in new[] { null, "", "   " })
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand(role, "for cases", holder)));
            Assert.That(error!.Errors.Single().PropertyName, Is.EqualTo("Holder"));
        }

        Assert.That(store.Keys, Is.Empty);
    }

    [Test]
    public async Task ShouldStoreTheHolderAndHandItToWhoeverAuthenticatesWithTheKey()
    {
        var store = new InMemoryAccessStore();
        var created = await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("legal", null, "  Lee Counsel "));

        var who = await Send(store, new FixedCaller(null, null), new AuthenticateApiKeyQuery(created.Key));

        Assert.That(store.Keys.Single().Holder, Is.EqualTo("Lee Counsel"));
        Assert.That(who, Is.EqualTo(new AuthenticatedKey(created.KeyId, Role.Legal, "Lee Counsel")));
    }

    [Test]
    public async Task ShouldRefuseAHolderWithControlCharacters()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Send(new InMemoryAccessStore(), FixedCaller.CommandLine, new CreateApiKeyCommand("analyst", null, "Eve\u001b[2J")));

        Assert.That(error!.Errors.Single().PropertyName, Is.EqualTo("Holder"));
    }

    [Test]
    public async Task ShouldRefuseKeyCreationToAnyoneButAnAdmin()
    {
        var store = new InMemoryAccessStore();

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Send(store, new FixedCaller("k", Role.Legal), new CreateApiKeyCommand("admin", null)));

        Assert.That(error!.Message, Does.Contain("admin"));
        Assert.That(store.Keys, Is.Empty);
    }

    [Test]
    public async Task ShouldRefuseAnUnknownRoleWithAFieldError()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Send(new InMemoryAccessStore(), FixedCaller.CommandLine, new CreateApiKeyCommand("root", null)));

        Assert.That(error!.Errors.Single().PropertyName, Is.EqualTo("Role"));
    }

    [Test]
    public async Task ShouldListKeysWithoutSecretsAndNotAuthenticateARevokedKey()
    {
        var store = new InMemoryAccessStore();
        var kept = await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("analyst", "triage"));
        var revoked = await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("admin", null, "Ada Admin"));

        var result = await Send(store, FixedCaller.CommandLine, new RevokeApiKeyCommand(revoked.KeyId));
        var again = await Send(store, FixedCaller.CommandLine, new RevokeApiKeyCommand(revoked.KeyId));
        var listed = await Send(store, FixedCaller.CommandLine, new ListApiKeysQuery());

        Assert.That(result.Revoked, Is.True);
        Assert.That(again.Revoked, Is.False);
        Assert.That(await Send(store, new FixedCaller(null, null), new AuthenticateApiKeyQuery(revoked.Key)), Is.Null);
        Assert.That(await Send(store, new FixedCaller(null, null), new AuthenticateApiKeyQuery(kept.Key)), Is.Not.Null);
        Assert.That(listed.Keys.Select(k => (k.KeyId, k.Role, k.Label)), Is.EqualTo(new[] { (kept.KeyId, Role.Analyst, (string?)"triage") }));
    }

    [Test]
    public async Task ShouldRefuseToListOrRevokeKeysWithoutTheRightToManageThem()
    {
        var store = new InMemoryAccessStore();
        var created = await Send(store, FixedCaller.CommandLine, new CreateApiKeyCommand("analyst", null));
        var analyst = new FixedCaller(created.KeyId, Role.Analyst);

        await Assert.ThrowsAsync<ForbiddenException>(() => Send(store, analyst, new ListApiKeysQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Send(store, analyst, new RevokeApiKeyCommand(created.KeyId)));
        Assert.That(store.Keys, Has.Count.EqualTo(1));
    }

    private static async Task<T> Send<T>(IAccessStore store, ICaller caller, IRequest<T> request)
    {
        await using var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(store)
            .AddSingleton<IClock>(new FixedClock(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)))
            .AddSingleton(caller)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }
}
