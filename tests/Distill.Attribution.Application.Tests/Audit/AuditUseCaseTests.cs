using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Audit.AppendAuditEntry;
using Distill.Attribution.Application.Audit.ListAuditEntries;
using Distill.Attribution.Application.Audit.VerifyAuditTrail;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Tests.Audit;

public sealed class AuditUseCaseTests
{
    [Test]
    public async Task ShouldChainEveryAppendedEntryAndVerifyTheTrail()
    {
        var store = new InMemoryAccessStore();
        for (var i = 0; i < 4; i++)
        {
            await Send(store, new FixedCaller(null, null), new AppendAuditEntryCommand("k1", "investigator", $"Q{i}", "h", "{}", "ok"));
        }

        var result = await Send(store, FixedCaller.CommandLine, new VerifyAuditTrailQuery());

        Assert.That(result.Entries, Is.EqualTo(4));
        Assert.That(result.Intact, Is.True);
        Assert.That(store.Audit.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That(store.Audit[1].PreviousHash, Is.EqualTo(store.Audit[0].Hash));
    }

    [Test]
    public async Task ShouldReportTheFirstTamperedEntry()
    {
        var store = new InMemoryAccessStore();
        for (var i = 0; i < 4; i++)
        {
            await Send(store, new FixedCaller(null, null), new AppendAuditEntryCommand("k1", "investigator", $"Q{i}", "h", "{}", "ok"));
        }

        store.Tamper(1, e => e with { KeyId = "someone-else" });
        var result = await Send(store, FixedCaller.CommandLine, new VerifyAuditTrailQuery());

        Assert.That(result.Intact, Is.False);
        Assert.That(result.FirstBreak!.Sequence, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldLetOnlyAdminsReadTheTrail()
    {
        var store = new InMemoryAccessStore();
        await Send(store, new FixedCaller(null, null), new AppendAuditEntryCommand("k1", "legal", null, "h", "{}", "ok"));

        await Assert.ThrowsAsync<ForbiddenException>(() => Send(store, new FixedCaller("k1", Role.Legal), new ListAuditEntriesQuery(1, 10)));
        var page = await Send(store, new FixedCaller("k2", Role.Admin), new ListAuditEntriesQuery(1, 10));
        Assert.That(page, Has.Count.EqualTo(1));
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
