using static Distill.Attribution.Synthetic.PlanConstants;
using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>The four campaigns of docs/generator.md (label <c>fraud</c>): accounts, groups, money, infrastructure, indicators.</summary>
internal sealed class CampaignPlanner(WorldBuilder w)
{
    public void PlanSyncOperator()
    {
        const string op = "op-lantern";
        const string name = "Lantern Harvest";
        var count = w.Scaled(48, 8);
        var egress = w.Pool(12, ["91.203"], [(213377, "Kestrel Cloud SRL")], "datacenter", 0.2, false, contiguous: true);
        var templates = w.NewTemplates(6);
        var cards = Enumerable.Range(0, 4).Select(_ => w.NewCard("card", w.Rng.Pick(CommonBins), "GB")).ToArray();
        var schedule = new List<long>();
        for (var d = 0; d < PeriodDays; d++)
        {
            foreach (var h in (int[])[3, 11, 19])
            {
                schedule.Add(w.Start + (d * Day) + (h * Hour) + (w.Rng.Next(40) * 60_000L));
            }
        }

        var caps = w.Caps((ReasoningCot, .55), (RubricGrading, .3), (CensorshipRewrite, .15));
        var python = w.Client("python-httpx/0.27.0");
        for (var i = 0; i < count; i++)
        {
            var b = w.Behaviour(caps, w.OrdinaryCaps(), [.. egress], [.. egress]);
            b.RequestCount = w.Rng.Between(700, 1000);
            b.WorkShare = 1 - w.Options.CamouflageShare;
            b.Schedule = [.. schedule];
            b.TickMs = 4000;
            b.JitterMs = w.Options.SyncJitterMs;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .92;
            b.Client = python;
            b.AltClient = w.Client("provider-sdk-python/2.3.1");
            b.AltClientShare = .1;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            w.SetAdoption(b, Adoption.Slow);
            WorldBuilder.LongOutputs(b);
            var a = w.Account(ScenarioKind.SyncOperator, op, w.Rng.Chance(.8) ? "self_serve" : "startup_program", b, w.AgedCreation(30, 400));
            w.Email(a, w.Rng.Chance(.7) ? "relaymail-ox.net" : w.Rng.Pick(CommonMail));
            a.Country = w.Rng.Pick(["GB", "NL", "CY", "US"]);
            w.Payments.Add((a, cards[i % cards.Length] with { FirstSeen = a.CreatedAt + Hour }));
            if (w.Rng.Chance(.2))
            {
                w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), "US") with { FirstSeen = a.CreatedAt + Day }));
            }
        }

        w.Indicator(op, name, "email_domain", "relaymail-ox.net", .9, "peer-share");
        var egressText = w.Ips[egress[0]].Text;
        w.Indicator(op, name, "cidr", egressText[..(egressText.LastIndexOf('.') + 1)] + "0/24", .8, "peer-share");
        w.Indicator(op, name, "payment_fingerprint", cards[0].Fingerprint, .85, "internal-investigation");
        w.Indicator(op, name, "payment_fingerprint", cards[1].Fingerprint, .85, "internal-investigation");
    }

    public void PlanPivotOperator()
    {
        const string op = "op-orchard";
        const string name = "Orchard Collective";
        var count = w.Scaled(900, 12);
        var poolSize = w.Options.ProxyPoolSize ?? 240;
        var proxies = w.Pool(poolSize, ["167.99", "188.166", "49.12", "51.38"],
            [(14061, "DigitalOcean, LLC"), (24940, "Hetzner Online GmbH"), (16276, "OVH SAS")], "datacenter", 0.15, false);
        var templates = w.NewTemplates(40);
        templates[0] = w.HarnessTemplate; // the harness's default system prompt: shared with innocent harness users
        var caps = w.Caps((ReasoningCot, .35), (AgenticCoding, .25), (ToolUse, .2), (ComputerUse, .05), (CensorshipRewrite, .15));
        var python = w.Client("python-httpx/0.27.0");
        var cells = Math.Max(1, count / 150);
        var schedules = new long[cells][];
        for (var c = 0; c < cells; c++)
        {
            var s = new List<long>();
            for (var t = w.Start + (w.Rng.Next(6) * Hour); t < w.End; t += (5 * Hour) + w.Rng.NextLong(2 * Hour))
            {
                s.Add(t);
            }

            schedules[c] = [.. s];
        }

        var eduDomains = Enumerable.Range(0, Math.Max(2, count / 25)).Select(i => $"inst-{w.Hex(3)}.edu").ToArray();
        var startupDomains = Enumerable.Range(0, Math.Max(2, count / 20)).Select(i => $"{w.Rng.Pick(["nimbly", "tensorwise", "quickforge", "datapilot", "lumio"])}{w.Rng.Next(900)}.ai").ToArray();
        PaymentRow? batchCard = null;
        var batchLeft = 0;
        var named = new List<PlannedAccount>();
        for (var i = 0; i < count; i++)
        {
            var own = w.Rng.Between(3, 8);
            var ips = new int[own];
            for (var k = 0; k < own; k++)
            {
                ips[k] = proxies[w.Rng.Next(proxies.Length)];
            }

            var b = w.Behaviour(caps, w.OrdinaryCaps(), ips, ips);
            b.RequestCount = w.Rng.LogNormal(2000, .35, 600, 6000);
            b.WorkShare = 1 - w.Options.CamouflageShare;
            b.Schedule = schedules[i % cells];
            b.TickMs = 9000;
            b.JitterMs = 45_000;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .85;
            b.Client = w.Rng.Chance(.8) ? w.HarnessClient : python;
            b.AltClient = python;
            b.AltClientShare = .05;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            w.SetAdoption(b, Adoption.Pivot);
            b.NewestShareWork = .97;
            WorldBuilder.LongOutputs(b);
            var roll = w.Rng.NextDouble();
            var pathway = roll < .35 ? "education" : roll < .7 ? "startup_program" : "self_serve";
            var a = w.Account(ScenarioKind.PivotOperator, op, pathway, b, w.AgedCreation(5, 200));
            switch (pathway)
            {
                case "education":
                    w.Email(a, w.Rng.Pick(eduDomains));
                    a.OrgName = w.Rng.Chance(.3) ? "Brightwell Institute of Technology" : $"Institute {w.Hex(2).ToUpperInvariant()} of Applied Computing";
                    break;
                case "startup_program":
                    w.Email(a, w.Rng.Pick(startupDomains));
                    a.OrgName = w.Rng.Chance(.5) ? $"{w.Rng.Pick(["Nimbly", "Tensorwise", "Quickforge", "Datapilot", "Lumio"])} Labs" : null;
                    break;
                default:
                    w.Email(a, w.Rng.Pick(CommonMail));
                    break;
            }

            a.Country = w.Rng.Pick(["US", "SG", "HK", "MY", "US", "CA"]);
            if (batchLeft == 0 && w.Rng.Chance(.45))
            {
                batchCard = w.NewCard("card", w.Rng.Pick(CommonBins), "US");
                batchLeft = w.Rng.Between(3, 6);
            }

            if (batchLeft > 0 && batchCard is not null)
            {
                w.Payments.Add((a, batchCard with { FirstSeen = a.CreatedAt + Hour }));
                batchLeft--;
            }
            else
            {
                w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), "US") with { FirstSeen = a.CreatedAt + Hour }));
            }

            // Accounts banned earlier (account_id indicators): every 7th, at most 6, at least one at any scale.
            if (named.Count < 6 && i % 7 == 3)
            {
                a.Status = "suspended";
                named.Add(a);
            }
        }

        w.Indicator(op, name, "asn", "24940", .45, "peer-share");
        w.Indicator(op, name, "client", "openharness/1.8.2", .3, "peer-share");
        w.Indicator(op, name, "org_name", "Brightwell Institute of Technology", .6, "internal-investigation");
        for (var k = 1; k <= 3; k++)
        {
            w.Indicator(op, name, "prompt_fingerprint", w.Templates[templates[k]], .75, "internal-investigation");
        }

        foreach (var a in named)
        {
            w.DeferredAccountIndicators.Add((op, name, a, .95));
        }
    }

    public void PlanHydraReseller()
    {
        const string op = "op-hydra";
        const string name = "Hydra Relay Network";
        var count = w.Scaled(20000, 60);
        var templates = w.NewTemplates(60);
        var caps = w.Caps((ReasoningCot, .45), (RubricGrading, .25), (AgenticCoding, .15), (Vision, .05), (CensorshipRewrite, .1));
        var resold = w.Caps((Chat, .5), (AgenticCoding, .15), (Other, .15), (Vision, .1), (ToolUse, .1));
        int[] clients = [w.Client("provider-sdk-python/2.3.1"), w.Client("provider-sdk-node/2.1.0"), w.Client("okhttp/4.12.0")];
        string[] throwaway = ["fastinbox.io", "mailrelay.cc", "tmpbox.net", "quickmail.app"];
        var resaleShare = Math.Min(.9, .3 + w.Options.CamouflageShare);
        PaymentRow? card = null;
        var cardLeft = 0;
        var crewLeft = 0;
        long[] crewSchedule = [];
        var crewJitter = 0;
        int[] crewTemplates = [];
        var hashed = new List<PlannedAccount>();
        for (var i = 0; i < count; i++)
        {
            if (crewLeft == 0)
            {
                crewLeft = w.Rng.Between(40, 120);
                var s = new List<long>();
                for (var t = w.Start + w.Rng.NextLong(8 * Hour); t < w.End; t += (3 * Hour) + w.Rng.NextLong(5 * Hour))
                {
                    s.Add(t);
                }

                crewSchedule = [.. s];
                crewJitter = w.Rng.Between(20_000, 180_000);
                crewTemplates = [.. Enumerable.Range(0, 12).Select(_ => w.Rng.Pick(templates))];
            }

            crewLeft--;
            var ips = new int[w.Rng.Between(4, 12)];
            for (var k = 0; k < ips.Length; k++)
            {
                ips[k] = w.Pools.ResidentialExits[w.Rng.Next(w.Pools.ResidentialExits.Length)];
            }

            var b = w.Behaviour(caps, resold, ips, ips);
            b.RequestCount = w.Rng.LogNormal(480, .6, 80, 4000);
            b.WorkShare = 1 - resaleShare;
            b.Schedule = crewSchedule;
            b.TickMs = 6000;
            b.JitterMs = crewJitter;
            b.WorkTemplates = crewTemplates;
            b.WorkTemplateShare = .8;
            b.PrivateTemplates = w.NewTemplates(w.Rng.Between(8, 30)); // resold customers' own prompts
            b.Client = w.Rng.Pick(clients);
            b.AltClient = w.Rng.Pick(clients);
            b.AltClientShare = .3;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            b.TimeZoneHours = w.Rng.Pick([-8, -5, 0, 1, 8]);
            w.SetAdoption(b, Adoption.Fast);
            WorldBuilder.LongOutputs(b);
            var roll = w.Rng.NextDouble();
            var pathway = roll < .7 ? "self_serve" : roll < .9 ? "reseller" : "startup_program";
            var a = w.Account(ScenarioKind.HydraReseller, op, pathway, b, w.AgedCreation(2, 700));
            w.Email(a, w.Rng.Chance(.85) ? w.Rng.Pick(CommonMail) : w.Rng.Pick(throwaway));
            if (pathway == "reseller")
            {
                a.OrgName = w.Rng.Chance(.6) ? "Nimbus Reseller LLC" : $"{w.Rng.Pick(LastNames)} Digital";
            }

            a.Country = w.Rng.Pick(Countries);
            a.Status = w.Rng.Chance(.05) ? "suspended" : "active";
            if (cardLeft == 0)
            {
                var kindRoll = w.Rng.NextDouble();
                card = kindRoll < .8 ? w.NewCard("card", w.Rng.Pick(CommonBins), w.Rng.Pick(Countries)) : w.NewCard(kindRoll < .95 ? "wallet" : "crypto", null, null);
                cardLeft = w.Rng.Between(5, 25);
            }

            cardLeft--;
            w.Payments.Add((a, card! with { FirstSeen = a.CreatedAt + w.Rng.NextLong(Day) }));
            if (hashed.Count < 12 && a.EmailHash is not null && w.Rng.Chance(.05))
            {
                hashed.Add(a);
            }
        }

        foreach (var a in hashed)
        {
            w.Indicator(op, name, "email_hash", a.EmailHash!, .9, "peer-share");
        }

        w.Indicator(op, name, "email_domain", "tmpbox.net", .65, "peer-share");
        w.Indicator(op, name, "org_name", "Nimbus Reseller LLC", .55, "peer-share");
        var hydraCards = w.Payments.Where(p => p.Item1.Scenario == ScenarioKind.HydraReseller).Select(p => p.Item2.Fingerprint).Distinct().ToList();
        var cardIndicators = Math.Min(6, hydraCards.Count);
        for (var k = 0; k < cardIndicators; k++)
        {
            w.Indicator(op, name, "payment_fingerprint", hydraCards[k * hydraCards.Count / cardIndicators], .7, "internal-investigation");
        }

        // Exit IPs reported by a peer: residential exits, some of which are also innocent homes (weak on purpose).
        for (var k = 0; k < 30; k++)
        {
            w.Indicator(op, name, "ip", w.Ips[w.Pools.ResidentialExits[k]].Text, k < 10 ? .25 : .4, "peer-share");
        }
    }

    public void PlanUnknownOperator()
    {
        const string op = "op-unknown";
        var count = w.Scaled(3000, 16);
        var templates = w.NewTemplates(20);
        var caps = w.Caps((RubricGrading, .4), (ReasoningCot, .4), (ToolUse, .2));
        int[] clients = [w.Client("go-http-client/2.0"), w.Client("python-httpx/0.27.0")];
        var crews = 4;
        var schedules = new long[crews][];
        for (var c = 0; c < crews; c++)
        {
            var s = new List<long>();
            var h = w.Rng.Next(24);
            for (var d = 0; d < PeriodDays; d++)
            {
                s.Add(w.Start + (d * Day) + (h * Hour) + w.Rng.NextLong(30 * 60_000L));
                s.Add(w.Start + (d * Day) + (((h + 12) % 24) * Hour) + w.Rng.NextLong(30 * 60_000L));
            }

            s.Sort();
            schedules[c] = [.. s];
        }

        var hosting = w.Pool(Math.Max(12, w.Scaled(150, 0)), ["3.120", "18.184", "52.14"], [(16509, "Amazon.com, Inc.")], "datacenter", 0.1, false);
        PaymentRow? card = null;
        var left = 0;
        for (var i = 0; i < count; i++)
        {
            var ips = new int[w.Rng.Between(3, 7)];
            for (var k = 0; k < ips.Length; k++)
            {
                ips[k] = w.Rng.Chance(.6) ? w.Rng.Pick(w.Pools.Vpn) : w.Rng.Pick(hosting);
            }

            var b = w.Behaviour(caps, w.OrdinaryCaps(), ips, ips);
            b.RequestCount = w.Rng.LogNormal(800, .3, 250, 2500);
            b.WorkShare = 1 - w.Options.CamouflageShare;
            b.Schedule = schedules[i % crews];
            b.TickMs = 3000;
            b.JitterMs = 5000;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .9;
            b.Client = clients[0];
            b.AltClient = clients[1];
            b.AltClientShare = .4;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            w.SetAdoption(b, Adoption.Slow);
            WorldBuilder.LongOutputs(b);
            var a = w.Account(ScenarioKind.UnknownOperator, op, w.Rng.Chance(.75) ? "self_serve" : "startup_program", b, w.AgedCreation(10, 300));
            w.Email(a, w.Rng.Pick(CommonMail));
            a.Country = w.Rng.Pick(Countries);
            if (left == 0)
            {
                card = w.NewCard("card", w.Rng.Chance(.6) ? "53547300" : w.Rng.Pick(CommonBins), "US"); // a prepaid BIN, also used by ordinary users
                left = w.Rng.Between(2, 4);
            }

            left--;
            w.Payments.Add((a, card! with { FirstSeen = a.CreatedAt + Hour }));
        }
    }
}
