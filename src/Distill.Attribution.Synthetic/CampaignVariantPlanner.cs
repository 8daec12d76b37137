using static Distill.Attribution.Synthetic.PlanConstants;
using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// Gives a planned campaign another structure (<see cref="CampaignVariant"/>): its accounts keep their
/// identity (operator, pathway, e-mail, capabilities, model adoption) and get the variant's scheduler,
/// exits, money, templates, camouflage and volume. Values named by indicators stay in use (indicated
/// cards stay on their accounts, indicated templates stay in the template set), so attribution evidence
/// keeps whatever coverage the variant leaves it.
/// </summary>
internal sealed class CampaignVariantPlanner(WorldBuilder w)
{
    public AppliedVariant Apply(ScenarioKind kind, int firstAccount, CampaignVariant v)
    {
        var accounts = w.Accounts.Skip(firstAccount).Where(a => a.Scenario == kind).ToList();
        var op = accounts.Count > 0 ? accounts[0].OperatorId : null;
        var pool = ExitPool(kind, v.PoolSize);
        var templates = TemplateSet(op, v);
        var indicatedCards = new HashSet<string>(
            w.Indicators.Where(i => i.OperatorId == op && i.Kind == "payment_fingerprint").Select(i => i.Value), StringComparer.Ordinal);
        var keepsCard = new HashSet<PlannedAccount>(
            w.Payments.Where(p => p.Item1.Scenario == kind && indicatedCards.Contains(p.Item2.Fingerprint)).Select(p => p.Item1));
        var members = accounts.ToHashSet();
        w.Payments.RemoveAll(p => members.Contains(p.Item1) && !keepsCard.Contains(p.Item1));

        var crewLeft = 0;
        var crewIndex = 0;
        var crewSize = 0;
        long[]? schedule = null;
        var tick = 0;
        var jitter = 0;
        var slotTicks = 1;
        long sessionLength = 0;
        var (runMin, runMax, serviceMean) = (1, 1, 10_000);
        var tz = 0;
        PaymentRow? shared = null;
        var sharedLeft = 0;
        foreach (var a in accounts)
        {
            var b = a.Behaviour;
            if (crewLeft == 0)
            {
                crewSize = Math.Min(accounts.Count, w.Rng.Between(20, 150));
                crewLeft = crewSize;
                crewIndex = 0;
                tz = w.Rng.Pick([-8, -5, 0, 1, 3, 8]);
                (schedule, tick, jitter) = v.Scheduler switch
                {
                    Scheduler.CrewBursts => (Sessions(3, 8), w.Rng.Between(2, 10) * 1000, w.Rng.Between(500, 60_000)),
                    Scheduler.RandomSubset => (Sessions(2, 6), w.Rng.Between(3, 15) * 1000, w.Rng.Between(0, 300)),
                    Scheduler.RoundRobin => (Sessions(2, 6), w.Rng.Between(1, 4) * 1000, w.Rng.Between(0, 300)),
                    Scheduler.WorkQueue => (Sessions(1, 5), 0, 0),
                    _ => ((long[]?)null, 0, 0),
                };
                slotTicks = w.Rng.Between(200, 1200);
                sessionLength = w.Rng.Between(20, 90) * 60_000L;
                (runMin, runMax, serviceMean) = (w.Rng.Between(2, 5), w.Rng.Between(6, 20), w.Rng.Between(5, 30) * 1000);
            }

            crewLeft--;
            b.Scheduler = v.Scheduler;
            b.Schedule = schedule;
            b.TickMs = tick;
            b.JitterMs = jitter;
            b.SlotTicks = slotTicks;
            b.CrewSize = crewSize;
            b.MemberIndex = crewIndex++;
            b.SessionLengthMs = sessionLength;
            b.RunMin = runMin;
            b.RunMax = runMax;
            b.ServiceMeanMs = serviceMean;
            b.WorkWindowStart = 0;
            b.WorkWindowEnd = 0;
            if (v.Scheduler == Scheduler.SlowDrip)
            {
                b.TimeZoneHours = tz;
            }

            b.RequestCount = Math.Max(3, (int)Math.Round(b.RequestCount * v.Volume));
            if (v.Scheduler == Scheduler.SlowDrip)
            {
                b.RequestCount = Math.Min(b.RequestCount, w.Rng.Between(20, 180)); // a few a day over 60 days
            }

            b.WorkShare = 1 - v.Camouflage;

            var exits = new int[Math.Min(pool.Length, v.Rotation == ExitRotation.Sticky ? w.Rng.Between(2, 6) : w.Rng.Between(20, 60))];
            for (var k = 0; k < exits.Length; k++)
            {
                exits[k] = pool[w.Rng.Next(pool.Length)];
            }

            b.WorkIps = exits;
            b.OrdinaryIps = exits;
            b.IpRotationMs = v.Rotation == ExitRotation.Sticky ? w.Rng.Between(6, 48) * Hour : 0;
            b.IpPhase = w.Rng.Next(exits.Length);

            if (v.Templates == TemplatePattern.FewShared)
            {
                b.WorkTemplates = templates;
                b.WorkTemplateShare = .85;
            }
            else
            {
                var own = new int[w.Rng.Between(8, 20)];
                for (var k = 0; k < own.Length; k++)
                {
                    own[k] = templates[w.Rng.Next(templates.Length)];
                }

                b.WorkTemplates = own;
                b.WorkTemplateShare = .7;
            }

            if (keepsCard.Contains(a))
            {
                continue;
            }

            switch (v.Payments)
            {
                case PaymentPattern.Shared:
                    if (sharedLeft == 0)
                    {
                        var roll = w.Rng.NextDouble();
                        shared = roll < .8 ? w.NewCard("card", w.Rng.Pick(CommonBins), w.Rng.Pick(Countries)) : w.NewCard(roll < .95 ? "wallet" : "crypto", null, null);
                        sharedLeft = w.Rng.Between(5, 25);
                    }

                    sharedLeft--;
                    w.Payments.Add((a, shared! with { FirstSeen = a.CreatedAt + Hour }));
                    break;
                case PaymentPattern.Mixed when sharedLeft > 0 || w.Rng.Chance(.2):
                    if (sharedLeft == 0)
                    {
                        shared = w.NewCard("card", w.Rng.Pick(CommonBins), "US");
                        sharedLeft = w.Rng.Between(2, 6);
                    }

                    sharedLeft--;
                    w.Payments.Add((a, shared! with { FirstSeen = a.CreatedAt + Hour }));
                    break;
                case PaymentPattern.Prepaid:
                    w.Payments.Add((a, w.NewCard("card", "53547300", "US") with { FirstSeen = a.CreatedAt + Hour }));
                    break;
                default:
                    w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
                    break;
            }
        }

        if (v.ExitsSharedWithInnocents)
        {
            InnocentsOn(pool, Math.Max(3, accounts.Count / 20));
        }

        return new AppliedVariant(kind, op, accounts.Count, v, null);
    }

    /// <summary>Session (burst) start times of one crew: every <paramref name="minHours"/>–<paramref name="maxHours"/> h over the period.</summary>
    private long[] Sessions(int minHours, int maxHours)
    {
        var s = new List<long>();
        for (var t = w.Start + w.Rng.NextLong(maxHours * Hour); t < w.End; t += (minHours * Hour) + w.Rng.NextLong((maxHours - minHours) * Hour))
        {
            s.Add(t);
        }

        return [.. s];
    }

    /// <summary>A fresh exit pool of the variant's size; each kind has its own prefixes (a /16 maps to one ASN).</summary>
    private int[] ExitPool(ScenarioKind kind, int size) => kind switch
    {
        ScenarioKind.SyncOperator => w.Pool(size, ["45.76", "66.42"], [(20473, "The Constant Company, LLC"), (63949, "Akamai Connected Cloud")], "datacenter", .15, false),
        ScenarioKind.PivotOperator => w.Pool(size, ["134.209", "137.184", "206.189"], [(14061, "DigitalOcean, LLC"), (24940, "Hetzner Online GmbH"), (16276, "OVH SAS")], "datacenter", .15, false),
        ScenarioKind.HydraReseller => w.Pool(size, ["68.40", "76.102", "99.33", "82.14", "93.200"],
            [(7922, "Comcast Cable Communications, LLC"), (20115, "Charter Communications"), (701, "Verizon Business"), (3320, "Deutsche Telekom AG"), (2856, "British Telecommunications PLC")], "residential", .15, true),
        _ => w.Pool(size, ["193.29", "217.138", "212.102"], [(9009, "M247 Europe SRL"), (60068, "Datacamp Limited"), (62240, "Clouvider Limited")], "vpn", .3, false),
    };

    /// <summary>The work templates: the operator's indicated templates first (and the harness default), then fresh ones.</summary>
    private int[] TemplateSet(string? op, CampaignVariant v)
    {
        var kept = w.Indicators.Where(i => i.OperatorId == op && i.Kind == "prompt_fingerprint")
            .Select(i => w.Templates.IndexOf(i.Value)).Where(i => i >= 0).ToList();
        if (op == "op-orchard")
        {
            kept.Insert(0, w.HarnessTemplate);
        }

        var count = v.Templates == TemplatePattern.FewShared ? w.Rng.Between(3, 12) : w.Rng.Between(200, 600);
        var fresh = w.NewTemplates(Math.Max(0, count - kept.Count));
        return [.. kept, .. fresh];
    }

    /// <summary>Innocent home users whose connection is one of the campaign's exits (label legit, kind legit_proxy_exit_home).</summary>
    private void InnocentsOn(int[] pool, int count)
    {
        for (var i = 0; i < count; i++)
        {
            int[] ips = [pool[w.Rng.Next(pool.Length)]];
            var b = w.Ordinary(ips, w.Rng.LogNormal(80, .8, 3, 900));
            var a = w.Account(ScenarioKind.LegitProxyExitHome, null, "self_serve", b, w.AgedCreation(1, 1000));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }
}
