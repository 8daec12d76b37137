using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Accounts;

namespace Distill.Attribution.Infrastructure.Tests.Accounts;

/// <summary>Issue 16, item 4: the one set of account-detail rules both read models feed (raw sessions from Neo4j, per-IP sums from SQLite).</summary>
public sealed class AccountDetailsBuilderTests
{
    [Test]
    public void ShouldGiveTheSameIpsFromRawSessionsAsFromTheStoresOwnSummary()
    {
        var raw = new AccountDetailsBuilder("a1");
        raw.AddSession("198.51.100.7", 3_000, 64500, "Beta Net", IpType.Residential);
        raw.AddSession("198.51.100.7", 1_000, null, "Alpha Net", IpType.Vpn);
        raw.AddSession("198.51.100.7", 2_000, 64499, null, null);
        raw.AddIpRequests("198.51.100.7", 40);
        raw.AddIpRequests("203.0.113.9", 2);
        var summed = new AccountDetailsBuilder("a1");
        // What SQL's count(*), min(), max() give for the same three sessions: max() per field, nulls ignored.
        summed.AddSessionSummary("198.51.100.7", 3, 1_000, 3_000, 64500, "Beta Net", IpType.Vpn);
        summed.AddIpRequests("198.51.100.7", 40);
        summed.AddIpRequests("203.0.113.9", 2);

        var fromRaw = raw.Build().Ips;
        var fromSummary = summed.Build().Ips;

        Assert.That(fromRaw, Is.EqualTo(fromSummary));
        Assert.That(fromRaw[0], Is.EqualTo(new AccountIp("198.51.100.7", 64500, "Beta Net", ContractNames.Name(IpType.Vpn), 3, 40,
            DateTimeOffset.FromUnixTimeMilliseconds(1_000), DateTimeOffset.FromUnixTimeMilliseconds(3_000))));
        Assert.That(fromRaw[1], Is.EqualTo(new AccountIp("203.0.113.9", null, null, null, 0, 2, null, null)), "an IP named only by requests has no session fields");
    }

    [Test]
    public void ShouldOrderModelsByCountThenNameAndPaymentsByTimeThenFingerprint()
    {
        var b = new AccountDetailsBuilder("a1");
        b.ByModel.AddRange([new NamedCount("m-b", 5), new NamedCount("m-c", 9), new NamedCount("m-a", 5)]);
        var t = DateTimeOffset.FromUnixTimeMilliseconds(5_000);
        b.Payments.AddRange([new AccountPayment("pf_2", null, null, null, t), new AccountPayment("pf_1", null, null, null, t),
            new AccountPayment("pf_0", null, null, null, t.AddDays(1))]);

        var details = b.Build();

        Assert.That(details.Requests.ByModel.Select(m => m.Name), Is.EqualTo(new[] { "m-c", "m-a", "m-b" }));
        Assert.That(details.Payments.Select(p => p.Fingerprint), Is.EqualTo(new[] { "pf_1", "pf_2", "pf_0" }));
    }
}
