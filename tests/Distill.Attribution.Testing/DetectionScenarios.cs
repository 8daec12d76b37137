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
    /// A campaign: bursts at random times over <paramref name="days"/> days (from day 1), each served round robin by a rotating 70 % of the
    /// accounts (so each account acts in a different moment of each burst and skips some bursts), a few
    /// shared templates, harvested capabilities, a small datacenter proxy pool and cards shared in pairs.
    /// </summary>
    public static SnapshotBuilder Campaign(this SnapshotBuilder b, string prefix, int accounts = 20, int bursts = 60, int seed = 1,
        bool shareCards = true, string templatePrefix = "tpl-camp", int days = 9)
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
            var start = SnapshotBuilder.T0.AddDays(1).AddSeconds(random.Next(0, days * 86_400));
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

    /// <summary>
    /// A hydra reseller crew: <paramref name="bursts"/> bursts every 6–8 h over 20 days; each account joins ~75 % of
    /// them with one harvesting request at the burst start ± <paramref name="jitterSeconds"/> (wider than a minute);
    /// <paramref name="resoldPerWork"/> resold ordinary requests (chat, coding, vision, customers' own templates) per
    /// harvesting request at random times; cards shared by groups of 20 (too common to link alone); each account on
    /// 4 residential exits of a pool of <paramref name="exitPool"/> (<c>198.18.x.y</c>, 0.3 per account, so each exit
    /// carries ~13 crew accounts); the first <paramref name="resellers"/> accounts
    /// declare the organisation <paramref name="org"/> on the reseller pathway.
    /// </summary>
    public static SnapshotBuilder HydraCrew(this SnapshotBuilder b, string prefix, int accounts = 40, int bursts = 70, int jitterSeconds = 150,
        int resoldPerWork = 4, int seed = 41, int resellers = 5, string org = "Relay Resale LLC", int exitPool = 12)
    {
        var random = new Random(seed);
        var exits = new int[accounts][];
        string[] ordinary = ["chat", "agentic_coding", "vision", "other"];
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            var reseller = i < resellers;
            b.Account(account, reseller ? AccessPathway.Reseller : AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(2, 700)),
                emailDomain: $"mail{random.Next(5)}.example", org: reseller ? org : null);
            b.Payment(account, $"card-{prefix}-{i / 20}");
            exits[i] = [.. Enumerable.Range(0, 4).Select(_ => random.Next(exitPool))];
            foreach (var exit in exits[i])
            {
                b.Session(account, ExitIp(exit), count: 3, type: IpType.Residential);
            }
        }

        var start = SnapshotBuilder.T0.AddDays(1);
        var burstStart = start;
        for (var k = 0; k < bursts; k++)
        {
            burstStart = burstStart.AddSeconds((6 * 3600) + random.Next(0, 2 * 3600));
            for (var i = 0; i < accounts; i++)
            {
                if (random.NextDouble() < 0.75)
                {
                    b.Request($"{prefix}-{i}", burstStart.AddSeconds(random.Next(-jitterSeconds, jitterSeconds + 1)), capability: Harvested[random.Next(Harvested.Length)],
                        prompt: $"tpl-{prefix}-pool-{random.Next(12)}", ip: ExitIp(exits[i][random.Next(4)]), client: "provider-sdk-python/2.3.1");
                }
            }
        }

        var span = (int)(burstStart - start).TotalSeconds;
        for (var i = 0; i < accounts; i++)
        {
            for (var r = 0; r < bursts * 3 / 4 * resoldPerWork; r++)
            {
                b.Request($"{prefix}-{i}", start.AddSeconds(random.Next(0, span)), capability: ordinary[random.Next(ordinary.Length)],
                    prompt: $"{prefix}-customer-{i}-{random.Next(20)}", ip: ExitIp(exits[i][random.Next(4)]), client: "provider-sdk-python/2.3.1");
            }
        }

        return b;
    }

    /// <summary>Residential proxy exit <paramref name="k"/> of the hydra crew's pool.</summary>
    public static string ExitIp(int k) => $"198.18.{k / 200}.{k % 200}";

    /// <summary>Innocent home users whose only IP is one of the hydra crew's residential exits: chat at random times.</summary>
    public static SnapshotBuilder ProxyExitHomes(this SnapshotBuilder b, string prefix, int accounts = 10, int seed = 42)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            var ip = ExitIp(i);
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-100));
            b.Payment(account, $"card-{prefix}-{i}");
            b.Session(account, ip, count: 30, type: IpType.Residential);
            for (var r = 0; r < 60; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), capability: random.Next(3) == 0 ? "reasoning_cot" : "chat",
                    prompt: $"{prefix}-own-{i}-{random.Next(10)}", ip: ip);
            }
        }

        return b;
    }

    /// <summary>A hackathon whose teams harvest hard: every account makes <paramref name="requestsEach"/> reasoning and
    /// grading requests in the same dense 36 hours, on the sponsor's one invoice, from the venue's IP.</summary>
    public static SnapshotBuilder HarvestingHackathon(this SnapshotBuilder b, string prefix, int accounts = 30, int requestsEach = 150, int seed = 43)
    {
        var random = new Random(seed);
        var opening = SnapshotBuilder.T0.AddDays(5);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.Education, opening.AddMinutes(random.Next(180)));
            b.Payment(account, $"invoice-{prefix}-sponsor", kind: PaymentKind.Invoice);
            b.Session(account, "192.0.2.200", count: 10, type: IpType.Residential);
            for (var r = 0; r < requestsEach; r++)
            {
                b.Request(account, opening.AddSeconds(random.Next(0, 36 * 3600)), capability: Harvested[random.Next(2)],
                    prompt: r % 2 == 0 ? $"{prefix}-notebook" : $"{prefix}-{i}-{r}", ip: "192.0.2.200", client: "jupyter-notebook/7.2");
            }
        }

        return b;
    }

    /// <summary>Independent heavy automations: each fires a reasoning request every <paramref name="everyMinutes"/>
    /// minutes around the clock for 20 days, all at the same offset by chance (a few seconds apart), own IP and card.</summary>
    public static SnapshotBuilder GridPowerUsers(this SnapshotBuilder b, string prefix, int accounts = 4, int everyMinutes = 20)
    {
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-300));
            b.Payment(account, $"card-{prefix}-{i}");
            b.Session(account, $"203.0.120.{i}", count: 100, type: IpType.Datacenter);
            for (var t = SnapshotBuilder.T0.AddMinutes(3).AddSeconds(i * 4); t < SnapshotBuilder.T0.AddDays(20); t = t.AddMinutes(everyMinutes))
            {
                b.Request(account, t, capability: "reasoning_cot", prompt: $"{prefix}-own-{i}", ip: $"203.0.120.{i}");
            }
        }

        return b;
    }

    /// <summary>Independent cron jobs: a grading request at the top of every <paramref name="everyHours"/>-th hour (± 2 s)
    /// for 20 days, own IP, own card, an SDK example template.</summary>
    public static SnapshotBuilder HourlyCron(this SnapshotBuilder b, string prefix, int accounts = 10, int everyHours = 2, int seed = 44)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-90));
            b.Payment(account, $"card-{prefix}-{i}");
            b.Session(account, $"203.0.121.{i}", count: 100, type: IpType.Datacenter);
            for (var h = 0; h < 20 * 24; h += everyHours)
            {
                b.Request(account, SnapshotBuilder.T0.AddHours(h).AddSeconds(random.Next(-2, 3)), capability: "rubric_grading", prompt: "sdk-example-eval", ip: $"203.0.121.{i}");
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
    public static SnapshotBuilder PivotOperator(this SnapshotBuilder b, string prefix, string model, DateTimeOffset release, int accounts = 10, int seed = 7,
        string[]? capabilities = null)
    {
        capabilities ??= Harvested;
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.StartupProgram, SnapshotBuilder.T0.AddDays(-5));
            b.Payment(account, $"card-{prefix}-{i / 2}");
            for (var r = 0; r < 30; r++)
            {
                b.Request(account, release.AddSeconds(random.Next(0, 20 * 3600)), model: model,
                    capability: capabilities[random.Next(capabilities.Length)], prompt: $"{prefix}-own-{i}-{random.Next(20)}");
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

    /// <summary>Exit <paramref name="k"/> of a residential proxy pool spread over many networks: each exit in its own /24
    /// (<c>100.64+k/256.k%256.9</c>), on one of five consumer ISPs' ASNs.</summary>
    public static string SpreadExitIp(int k) => $"100.{64 + (k / 256)}.{k % 256}.9";

    /// <summary>
    /// A reseller that shows no pairwise structure: <paramref name="accounts"/> accounts, each on
    /// <paramref name="exitsEach"/> exits of a pool of <paramref name="exitPool"/> busy residential exits in distinct
    /// /24s (so every exit carries many accounts); random-subset load balancing (each of <paramref name="ticks"/> ticks
    /// over <paramref name="days"/> days from day <paramref name="startDay"/>, at a random time, is served by a random <paramref name="subsetShare"/> of the accounts, one
    /// harvesting request each within 20 s of the tick); templates spread thin over a pool of <paramref name="templatePool"/>
    /// (named <paramref name="templatePrefix"/> + number; the reseller's own unless another population runs the same names),
    /// any of them per request or, with <paramref name="templatesEach"/>, from that many the account drew; every account its own
    /// card and e-mail domain; <paramref name="resoldShare"/> of the traffic ordinary resold chat at random times.
    /// </summary>
    public static SnapshotBuilder ExitPoolReseller(this SnapshotBuilder b, string prefix, int accounts = 40, int exitPool = 60, int exitsEach = 12,
        int ticks = 360, double subsetShare = 0.15, double resoldShare = 0.3, int seed = 61, bool randomTimes = false, int templatePool = 400,
        string[]? workCapabilities = null, int days = 15, int startDay = 1, string? templatePrefix = null, int templatesEach = 0)
    {
        templatePrefix ??= $"tpl-{prefix}-thin-";
        var templates = new int[accounts][];
        workCapabilities ??= Harvested;
        var random = new Random(seed);
        var exits = new int[accounts][];
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(2, 700)), emailDomain: $"{prefix}-mail{i}.example");
            b.Payment(account, $"card-{prefix}-{i}");
            exits[i] = [.. Enumerable.Range(0, exitPool).OrderBy(_ => random.Next()).Take(exitsEach)];
            templates[i] = templatesEach > 0 ? [.. Enumerable.Range(0, templatePool).OrderBy(_ => random.Next()).Take(templatesEach)] : [];
            foreach (var exit in exits[i])
            {
                b.Session(account, SpreadExitIp(exit), count: 3, type: IpType.Residential, asn: 7922 + (exit % 5));
            }
        }

        var start = SnapshotBuilder.T0.AddDays(startDay);
        var work = 0;
        for (var k = 0; k < ticks; k++)
        {
            var tick = start.AddSeconds(random.Next(0, days * 86_400));
            for (var i = 0; i < accounts; i++)
            {
                if (random.NextDouble() < subsetShare)
                {
                    var at = randomTimes ? start.AddSeconds(random.Next(0, days * 86_400)) : tick.AddSeconds(random.Next(0, 20));
                    b.Request($"{prefix}-{i}", at, capability: workCapabilities[random.Next(workCapabilities.Length)],
                        prompt: templatePrefix + (templatesEach > 0 ? templates[i][random.Next(templatesEach)] : random.Next(templatePool)), ip: SpreadExitIp(exits[i][random.Next(exitsEach)]), client: "python-httpx/0.27");
                    work++;
                }
            }
        }

        var resold = (int)(work * resoldShare / (1 - resoldShare));
        for (var r = 0; r < resold; r++)
        {
            var i = random.Next(accounts);
            b.Request($"{prefix}-{i}", start.AddSeconds(random.Next(0, days * 86_400)), capability: "chat",
                prompt: $"{prefix}-customer-{i}-{random.Next(20)}", ip: SpreadExitIp(exits[i][random.Next(exitsEach)]), client: "python-httpx/0.27");
        }

        return b;
    }

    /// <summary>Ordinary users of a public prompt library: <paramref name="accounts"/> accounts (<c>lib-i</c>), each with its own card
    /// and home address, sending <paramref name="requestsEach"/> requests over 16 days, half of them prompts of the library
    /// (<paramref name="libraryPrefix"/> + 0 … <paramref name="librarySize"/> − 1), half their own; reasoning half the time.</summary>
    public static SnapshotBuilder PublicLibraryUsers(this SnapshotBuilder b, string libraryPrefix, int librarySize, int requestsEach,
        int accounts = 2000, int seed = 72)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"lib-{i}";
            var ip = $"172.{16 + (i / 256 % 16)}.{i % 256}.{1 + (i / 4096)}";
            b.Payment(account, $"card-lib-{i}");
            b.Session(account, ip, count: 5, type: IpType.Residential, asn: 7922 + (i % 5));
            for (var r = 0; r < requestsEach; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: random.Next(2) == 0 ? "reasoning_cot" : "chat",
                    prompt: random.Next(2) == 0 ? $"{libraryPrefix}{random.Next(librarySize)}" : $"lib-own-{i}-{random.Next(4)}", ip: ip, client: "python-httpx/0.27");
            }
        }

        return b;
    }

    /// <summary>Innocent home users whose home IP is one of <see cref="SpreadExitIp"/>'s exits (the proxy network rents
    /// their connection): one IP each, chat and some reasoning at random times, own card.</summary>
    public static SnapshotBuilder SpreadExitHomes(this SnapshotBuilder b, string prefix, int accounts = 30, int exitPool = 60, int seed = 62)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            var ip = SpreadExitIp(i % exitPool);
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-200), emailDomain: "homemail.example");
            b.Payment(account, $"card-{prefix}-{i}");
            b.Session(account, ip, count: 40, type: IpType.Residential, asn: 7922 + (i % exitPool % 5));
            for (var r = 0; r < 80; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: random.Next(2) == 0 ? "reasoning_cot" : "chat",
                    prompt: $"{prefix}-own-{i}-{random.Next(10)}", ip: ip, client: "python-httpx/0.27");
            }
        }

        return b;
    }

    /// <summary>Commercial VPN users: each rotates over <paramref name="exitsEach"/> of the provider's
    /// <paramref name="exits"/> exit servers (each in its own /24 of one hosting ASN), chat and some reasoning at random
    /// times, own card and common webmail.</summary>
    public static SnapshotBuilder VpnUsers(this SnapshotBuilder b, string prefix, int accounts = 30, int exits = 10, int exitsEach = 5, int seed = 63)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-300), emailDomain: "homemail.example");
            b.Payment(account, $"card-{prefix}-{i}");
            var mine = Enumerable.Range(0, exits).OrderBy(_ => random.Next()).Take(exitsEach).ToArray();
            foreach (var e in mine)
            {
                b.Session(account, $"185.{200 + e}.7.1", count: 10, type: IpType.Vpn, asn: 9009);
            }

            for (var r = 0; r < 80; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: random.Next(2) == 0 ? "reasoning_cot" : "chat",
                    prompt: $"{prefix}-own-{i}-{random.Next(10)}", ip: $"185.{200 + mine[random.Next(exitsEach)]}.7.1", client: "python-httpx/0.27");
            }
        }

        return b;
    }

    /// <summary>
    /// A startup-programme team doing nightly evaluation sweeps: every night at 01:00 (± 10 min) for 20 nights each
    /// member runs 30 reasoning and grading requests over the team's 5 eval templates; daytime coding and chat with
    /// private templates; one company card and one office IP. <paramref name="open"/>: every member declares the
    /// organisation and writes from its own domain; otherwise the same people on a common webmail domain without an
    /// organisation (nothing declared, the link hidden).
    /// </summary>
    public static SnapshotBuilder StartupEvalTeam(this SnapshotBuilder b, string prefix, int accounts = 6, bool open = true, int seed = 64)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.StartupProgram, SnapshotBuilder.T0.AddDays(-60).AddDays(i),
                emailDomain: open ? $"{prefix}labs.ai" : "homemail.example", org: open ? $"{prefix} Labs Inc" : null);
            b.Payment(account, $"card-{prefix}-company");
            b.Session(account, "192.0.2.77", count: 40, type: IpType.Datacenter, asn: 64777);
            for (var night = 0; night < 20; night++)
            {
                var sweep = SnapshotBuilder.T0.AddDays(night).AddHours(1).AddMinutes(random.Next(-10, 11));
                for (var r = 0; r < 30; r++)
                {
                    b.Request(account, sweep.AddSeconds((r * 20) + random.Next(0, 10)), capability: r % 2 == 0 ? "reasoning_cot" : "rubric_grading",
                        prompt: $"{prefix}-eval-{r % 5}", ip: "192.0.2.77", client: "python-httpx/0.27");
                }

                for (var r = 0; r < 10; r++)
                {
                    b.Request(account, SnapshotBuilder.T0.AddDays(night).AddHours(9).AddSeconds(random.Next(0, 9 * 3600)),
                        capability: random.Next(2) == 0 ? "agentic_coding" : "chat", prompt: $"{prefix}-private-{i}-{random.Next(40)}", ip: "192.0.2.77");
                }
            }
        }

        return b;
    }

    /// <summary>
    /// Users of one popular public coding agent: strangers who installed the same software. Every request carries the
    /// tool's client string; about 60 % go through the tool's twelve default templates (so every user shares all twelve
    /// with every other), the rest through a few of the user's own prompts; agentic coding and tool use with some
    /// reasoning, at the user's own working hours over 16 days. Each user has an own card and an own home address in an
    /// own /24 on one of seven ISPs. <paramref name="exitPool"/> &gt; 0 is the control: the same kind of accounts on
    /// webmail identities all connecting through a shared pool of that many exits (<paramref name="exitsEach"/> each), which
    /// strangers do not do.
    /// </summary>
    public static SnapshotBuilder PublicToolUsers(this SnapshotBuilder b, string prefix, int accounts = 150, int exitPool = 0, int seed = 71, int exitsEach = 12)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            b.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(20, 900)),
                emailDomain: exitPool > 0 ? "homemail.example" : $"{prefix}-user{i}.example");
            b.Payment(account, $"card-{prefix}-{i}");
            string[] ips = exitPool > 0
                ? [.. Enumerable.Range(0, exitPool).OrderBy(_ => random.Next()).Take(exitsEach).Select(e => $"45.{90 + (e / 200)}.{e % 200}.9")]
                : [$"81.{20 + (i / 200)}.{i % 200}.{2 + random.Next(200)}"];
            foreach (var ip in ips)
            {
                b.Session(account, ip, count: 8, type: IpType.Residential, asn: 3300 + (i % 7));
            }

            var workStart = random.Next(6, 14);
            for (var r = 0; r < 120; r++)
            {
                var at = SnapshotBuilder.T0.AddDays(random.Next(16)).AddHours(workStart + random.Next(9)).AddSeconds(random.Next(3600));
                var roll = random.Next(8);
                var capability = roll < 2 ? "reasoning_cot" : roll < 6 ? "agentic_coding" : "tool_use";
                var prompt = random.Next(10) < 6 ? $"public-agent-default-{random.Next(12)}" : $"{prefix}-own-{i}-{random.Next(5)}";
                b.Request(account, at, capability: capability, prompt: prompt, ip: ips[random.Next(ips.Length)], client: "open-agent/3.1");
            }
        }

        return b;
    }

    /// <summary>A background of ordinary home users as a real population has it: each on its own home IP in its own /24
    /// (on one of five ISPs' ASNs), a few chat and reasoning requests at random times, own card.</summary>
    public static SnapshotBuilder HomeBackground(this SnapshotBuilder b, string prefix, int accounts = 2000, int requestsEach = 6, int seed = 70)
    {
        var random = new Random(seed);
        for (var i = 0; i < accounts; i++)
        {
            var account = $"{prefix}-{i}";
            var ip = $"172.{16 + (i / 256 % 16)}.{i % 256}.{1 + (i / 4096)}";
            b.Payment(account, $"card-{prefix}-{i}");
            b.Session(account, ip, count: 5, type: IpType.Residential, asn: 7922 + (i % 5));
            for (var r = 0; r < requestsEach; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: random.Next(3) == 0 ? "reasoning_cot" : "chat",
                    prompt: $"{prefix}-own-{i}-{random.Next(4)}", ip: ip, client: "python-httpx/0.27");
            }
        }

        return b;
    }
}
