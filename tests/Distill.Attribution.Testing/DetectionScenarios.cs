using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing;

/// <summary>
/// Hand-made populations for detection tests: a distillation campaign and its legitimate look-alikes.
/// Each adds accounts named <c>{prefix}-{i}</c> to a <see cref="SnapshotBuilder"/>; all randomness is seeded.
/// </summary>
public static class DetectionScenarios
{
    private static readonly string[] Harvested = ["reasoning_cot", "rubric_grading", "censorship_rewrite"];

    /// <summary>
    /// A campaign: bursts at random times over ten days, each served round robin by a rotating 70 % of the
    /// accounts (so each account acts in a different moment of each burst and skips some bursts), a few
    /// shared templates, harvested capabilities, a small datacenter proxy pool and cards shared in pairs.
    /// </summary>
    public static SnapshotBuilder Campaign(this SnapshotBuilder b, string prefix, int accounts = 20, int bursts = 60, int seed = 1,
        bool shareCards = true, string templatePrefix = "tpl-camp")
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            b.Account($"{prefix}-{i}", i % 2 == 0 ? AccessPathway.SelfServe : AccessPathway.Education,
                SnapshotBuilder.T0.AddMinutes(i), emailDomain: $"mail{i}.example");
            if (shareCards)
            {
                b.Payment($"{prefix}-{i}", $"card-{prefix}-{i / 2}");
            }

            b.Session($"{prefix}-{i}", $"198.51.{seed % 200}.{i % 5}", count: 10, type: IpType.Datacenter, asn: 64500 + seed);
        }

        var perBurst = Math.Max(2, accounts * 7 / 10);
        for (var k = 0; k < bursts; k++)
        {
            var start = SnapshotBuilder.T0.AddDays(1).AddSeconds(random.Next(0, 9 * 86_400));
            var first = random.Next(accounts);
            for (var t = 0; t < perBurst; t++)
            {
                var account = $"{prefix}-{(first + t) % accounts}";
                b.Request(account, start.AddSeconds(t * 2), capability: Harvested[random.Next(Harvested.Length)],
                    prompt: $"{templatePrefix}-{random.Next(3)}", ip: $"198.51.{seed % 200}.{random.Next(5)}", client: "python-httpx/0.27");
            }
        }

        return b;
    }

    /// <summary>Independent users: requests at random times, own templates, chat; optionally all behind one IP.</summary>
    public static SnapshotBuilder IndependentUsers(this SnapshotBuilder b, string prefix, int accounts, int requestsEach = 40, int seed = 2,
        string? sharedIp = null, IpType ipType = IpType.Residential, AccessPathway pathway = AccessPathway.SelfServe)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, pathway, SnapshotBuilder.T0.AddHours(-random.Next(1, 5000)));
            var ip = sharedIp ?? $"203.0.{seed % 200}.{i % 250}";
            b.Session(account, ip, count: 5, type: ipType);
            for (var r = 0; r < requestsEach; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 10 * 86_400)),
                    capability: random.Next(4) == 0 ? "reasoning_cot" : "chat", prompt: $"{prefix}-own-{i}-{random.Next(8)}", ip: ip);
            }
        }

        return b;
    }

    /// <summary>An office team: enterprise accounts of one organisation on its own card, a shared nightly job at
    /// 02:00, diverse private templates, coding and chat.</summary>
    public static SnapshotBuilder OfficeTeam(this SnapshotBuilder b, string prefix, int accounts = 12, int seed = 3)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.Enterprise, SnapshotBuilder.T0.AddDays(-30), emailDomain: "acme.example", org: "Acme Corp");
            b.Payment(account, $"card-{prefix}-corporate", kind: PaymentKind.Invoice);
            b.Session(account, "192.0.2.10", count: 20, type: IpType.Datacenter);
            for (var day = 0; day < 10; day++)
            {
                b.Request(account, SnapshotBuilder.T0.AddDays(day).AddHours(2).AddSeconds(i), capability: "agentic_coding", prompt: $"{prefix}-nightly", ip: "192.0.2.10");
                for (var r = 0; r < 8; r++)
                {
                    b.Request(account, SnapshotBuilder.T0.AddDays(day).AddHours(9).AddSeconds(random.Next(0, 8 * 3600)),
                        capability: random.Next(2) == 0 ? "agentic_coding" : "chat", prompt: $"{prefix}-private-{i}-{random.Next(30)}", ip: "192.0.2.10");
                }
            }
        }

        return b;
    }

    /// <summary>A family: three accounts on one card, little chat traffic from one home IP.</summary>
    public static SnapshotBuilder Family(this SnapshotBuilder b, string prefix, int seed = 4)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-100 + i));
            b.Payment(account, $"card-{prefix}");
            b.Session(account, $"203.0.113.{seed}", count: 3, type: IpType.Residential);
            for (var r = 0; r < 15; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 10 * 86_400)), capability: "chat", prompt: $"{prefix}-{i}-{random.Next(10)}", ip: $"203.0.113.{seed}");
            }
        }

        return b;
    }

    /// <summary>A hackathon: accounts created within an hour on the education pathway, all using the starter template
    /// during one day, chat and coding.</summary>
    public static SnapshotBuilder Hackathon(this SnapshotBuilder b, string prefix, int accounts = 30, int seed = 5)
    {
        var random = new Random(seed);
        var day = SnapshotBuilder.T0.AddDays(3);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.Education, day.AddMinutes(random.Next(60)));
            b.Session(account, "100.64.0.1", count: 4, type: IpType.Mobile);
            for (var r = 0; r < 25; r++)
            {
                b.Request(account, day.AddHours(1).AddSeconds(random.Next(0, 10 * 3600)),
                    capability: random.Next(2) == 0 ? "agentic_coding" : "chat", prompt: r % 2 == 0 ? "starter-template" : $"{prefix}-{i}-{r}", ip: "100.64.0.1");
            }
        }

        return b;
    }

    /// <summary>Cron jobs of independent users that all fire at 00:00 every day with the same SDK example template.</summary>
    public static SnapshotBuilder CronJobs(this SnapshotBuilder b, string prefix, int accounts = 20)
    {
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-50 - i));
            for (var day = 0; day < 10; day++)
            {
                b.Request(account, SnapshotBuilder.T0.AddDays(day).AddSeconds(i), capability: "rubric_grading", prompt: "sdk-example-eval", ip: $"203.0.114.{i}");
            }
        }

        return b;
    }

    /// <summary>A research lab: security-research accounts of one organisation on its own card, running an evaluation
    /// harness (shared template, reasoning) at high volume.</summary>
    public static SnapshotBuilder ResearchLab(this SnapshotBuilder b, string prefix, int accounts = 8, int seed = 6)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SecurityResearch, SnapshotBuilder.T0.AddDays(-60), emailDomain: "lab.example.edu", org: "Example Lab");
            b.Payment(account, $"card-{prefix}");
            for (var r = 0; r < 200; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 10 * 86_400)), capability: "reasoning_cot", prompt: $"{prefix}-eval-harness", ip: "192.0.2.77");
            }
        }

        return b;
    }

    /// <summary>
    /// A pivot operator: accounts that switch almost all their traffic to a model within hours of its release,
    /// paired by shared cards, with no lockstep timing (each account at its own random times).
    /// </summary>
    public static SnapshotBuilder PivotOperator(this SnapshotBuilder b, string prefix, string model, DateTimeOffset release, int accounts = 10, int seed = 7)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.StartupProgram, SnapshotBuilder.T0.AddDays(-5));
            b.Payment(account, $"card-{prefix}-{i / 2}");
            for (var r = 0; r < 30; r++)
            {
                b.Request(account, release.AddSeconds(random.Next(0, 20 * 3600)), model: model,
                    capability: Harvested[random.Next(Harvested.Length)], prompt: $"{prefix}-own-{i}-{random.Next(20)}");
            }
        }

        return b;
    }

    /// <summary>Ordinary users who adopt a new model slowly: a few requests on it in its first day, most on the old one.</summary>
    public static SnapshotBuilder SlowAdopters(this SnapshotBuilder b, string prefix, string model, DateTimeOffset release, int accounts = 100, int seed = 8)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            for (var r = 0; r < 20; r++)
            {
                b.Request($"{prefix}-{i}", release.AddSeconds(random.Next(0, 24 * 3600)), model: random.Next(10) == 0 ? model : "m-old",
                    capability: "chat", prompt: $"{prefix}-{i}-{r}");
            }
        }

        return b;
    }
}
