using Distill.Attribution.Domain.Records;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

public sealed class SnapshotAssemblerTests
{
    private static SnapshotAssembler.RequestRow Row(string account, long ts, string id, long? input = null) =>
        new(account, ts, id, ts, "m", null, null, null, null, input, null);

    private static SnapshotAssembler TwoAccounts()
    {
        var assembler = new SnapshotAssembler();
        assembler.AddAccount("b", 1, AccessPathway.SelfServe, null, null, null, null, null, null);
        assembler.AddAccount("a", 1, AccessPathway.SelfServe, null, null, null, null, null, null);
        assembler.SealAccounts(2);
        return assembler;
    }

    [Test]
    public void ShouldRefuseRequestPagesOutOfAccountOrder()
    {
        var assembler = TwoAccounts();
        assembler.AddRequestPage([Row("b", 1, "x")]);

        Assert.Throws<InvalidOperationException>(() => assembler.AddRequestPage([Row("a", 1, "y")]));
    }

    [Test]
    public void ShouldRefuseRecordsOfAnUnknownAccount()
    {
        var assembler = TwoAccounts();

        Assert.Throws<InvalidOperationException>(() => assembler.AddPayment("zz", "fp", null, null, null, 0));
    }

    [Test]
    public void ShouldCountTokenCountsInTheInputHashThoughTheSnapshotDoesNotCarryThem()
    {
        // Detection reads no token counts (D37), but they are the store's contents: a run must not claim the same input
        // when only a count changed.
        var absent = TwoAccounts();
        absent.AddRequestPage([Row("a", 1, "x"), Row("a", 2, "y")]);
        var counted = TwoAccounts();
        counted.AddRequestPage([Row("a", 1, "x"), Row("a", 2, "y", 5_000_000_000)]);

        var (without, with) = (absent.Build(), counted.Build());

        Assert.That(with.InputHash, Is.Not.EqualTo(without.InputHash));
        Assert.That(with.RequestRowId, Is.EqualTo(without.RequestRowId));
        Assert.That(with.RequestOffsets, Is.EqualTo(new[] { 0, 2, 2 }));
    }

    [Test]
    public void ShouldChangeTheHashWhenAnyValueChangesButNotForRowIds()
    {
        string HashWith(long ts, long rowId)
        {
            var assembler = TwoAccounts();
            assembler.AddRequestPage([new SnapshotAssembler.RequestRow("a", rowId, "x", ts, "m", null, null, null, null, null, null)]);
            return assembler.Build().InputHash;
        }

        Assert.That(HashWith(1, 10), Is.EqualTo(HashWith(1, 99)));
        Assert.That(HashWith(1, 10), Is.Not.EqualTo(HashWith(2, 10)));
    }

    [Test]
    public void ShouldGrowBeyondTheExpectedRequestCount()
    {
        var assembler = new SnapshotAssembler();
        assembler.AddAccount("a", 1, AccessPathway.SelfServe, null, null, null, null, null, null);
        assembler.SealAccounts(1);
        assembler.AddRequestPage([Row("a", 3, "c"), Row("a", 1, "a"), Row("a", 2, "b")]);

        var snapshot = assembler.Build();

        Assert.That(snapshot.RequestTsMs, Is.EqualTo(new long[] { 1, 2, 3 }));
    }
}
