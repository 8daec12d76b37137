using static Distill.Attribution.Synthetic.PlanConstants;
using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>The legitimate look-alikes of docs/generator.md: innocents who share a card, an egress, a schedule or a tool.</summary>
internal sealed class LookAlikePlanner(WorldBuilder w)
{
    public void PlanOfficeTeams()
    {
        var teams = w.Options.SharedCardTeams ?? Math.Max(3, (int)Math.Round(70 * w.Scale));
        var python = w.Client("provider-sdk-python/2.3.1");
        var caps = w.Caps((RubricGrading, .4), (ReasoningCot, .3), (AgenticCoding, .3));
        for (var t = 0; t < teams; t++)
        {
            var company = Companies[t % Companies.Length] + (t >= Companies.Length ? $" {t / Companies.Length + 1}" : "");
            var domain = new string([.. company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]) + ".com";
            var office = w.Pool(w.Rng.Between(1, 2), ["38.104", "65.19", "194.150"], [(174, "Cogent Communications"), (3356, "Level 3 Parent, LLC")], "datacenter", .5, false, contiguous: true);
            var card = w.NewCard(w.Rng.Chance(.7) ? "card" : "invoice", w.Rng.Chance(.7) ? w.Rng.Pick(CommonBins) : null, "US");
            var templates = w.NewTemplates(8);
            var hour = w.Rng.Between(1, 3);
            var minute = w.Rng.Next(60);
            var schedule = Enumerable.Range(0, PeriodDays).Select(d => w.Start + (d * Day) + (hour * Hour) + (minute * 60_000L)).ToArray();
            var size = w.Rng.Between(4, 20);
            var tz = w.Rng.Pick([-5, 0, 1]);
            for (var i = 0; i < size; i++)
            {
                int[] home = [w.Rng.Pick(w.Pools.Homes())];
                var b = w.Behaviour(caps, w.OrdinaryCaps(), office, [.. office, .. home]);
                b.RequestCount = w.Rng.LogNormal(480, .4, 120, 2000);
                b.WorkShare = .5;
                b.Schedule = schedule;
                b.TickMs = 5000;
                b.JitterMs = 800;
                b.WorkTemplates = templates;
                b.WorkTemplateShare = .95;
                b.Client = python;
                b.ActiveStart = w.Start;
                b.ActiveEnd = w.End;
                b.TimeZoneHours = tz;
                w.SetAdoption(b, w.Rng.Chance(.3) ? Adoption.Eager : Adoption.Normal);
                var a = w.Account(ScenarioKind.LegitOfficeTeam, null, w.Rng.Chance(.8) ? "enterprise" : "self_serve", b, w.AgedCreation(20, 900));
                w.Email(a, domain);
                a.OrgName = company;
                a.Country = tz == -5 ? "US" : tz == 0 ? "GB" : "DE";
                w.Payments.Add((a, card with { FirstSeen = a.CreatedAt + Day }));
            }
        }
    }

    public void PlanResearchLabs()
    {
        var labs = w.Scaled(14, 2);
        var caps = w.Caps((ReasoningCot, .5), (RubricGrading, .4), (CensorshipRewrite, .1));
        var python = w.Client("python-httpx/0.27.0");
        for (var l = 0; l < labs; l++)
        {
            var u = l % Universities.Length;
            var campus = w.Pools.Campus(u);
            var templates = w.NewTemplates(10);
            var hour = w.Rng.Pick([22, 23, 0, 1, 2, 3]);
            var schedule = Enumerable.Range(0, PeriodDays).Select(d => w.Start + (d * Day) + (hour * Hour) + w.Rng.NextLong(20 * 60_000L)).ToArray();
            var card = w.NewCard("card", w.Rng.Pick(CommonBins), "US");
            var size = w.Rng.Between(3, 10);
            for (var i = 0; i < size; i++)
            {
                var b = w.Behaviour(caps, w.OrdinaryCaps(), campus, [.. campus, w.Rng.Pick(w.Pools.Homes())]);
                b.RequestCount = w.Rng.LogNormal(2000, .4, 500, 6000);
                b.WorkShare = .8;
                b.Schedule = schedule;
                b.TickMs = 2000;
                b.JitterMs = 300;
                b.WorkTemplates = templates;
                b.WorkTemplateShare = .9;
                b.Client = w.Rng.Chance(.3) ? w.HarnessClient : python;
                b.ActiveStart = w.Start;
                b.ActiveEnd = w.End;
                w.SetAdoption(b, Adoption.Eager);
                b.NewestShareWork = .7;
                WorldBuilder.LongOutputs(b);
                var a = w.Account(ScenarioKind.LegitResearchLab, null, w.Rng.Chance(.6) ? "education" : "security_research", b, w.AgedCreation(30, 900));
                w.Email(a, Universities[u]);
                a.OrgName = UniversityNames[u];
                a.Country = w.Rng.Pick(["US", "DE", "FR", "JP", "GB", "US"]);
                w.Payments.Add((a, (w.Rng.Chance(.7) ? card : w.NewCard("card", w.Rng.Pick(CommonBins), "US")) with { FirstSeen = a.CreatedAt + Day }));
            }
        }
    }

    public void PlanApiGateway()
    {
        var users = w.Scaled(450, 10);
        var egress = w.Pool(3, ["54.201"], [(16509, "Amazon.com, Inc.")], "datacenter", .1, false, contiguous: true);
        var gatewayTemplate = w.NewTemplate();
        var client = w.Client("gatewayhub/3.2");
        for (var i = 0; i < users; i++)
        {
            var b = w.Behaviour(w.Caps((Chat, .6), (AgenticCoding, .2), (ToolUse, .2)), w.OrdinaryCaps(), egress, egress);
            b.RequestCount = w.Rng.LogNormal(150, .7, 10, 2000);
            b.WorkShare = .7;
            b.WorkTemplates = [gatewayTemplate];
            b.WorkTemplateShare = .7;
            b.Client = client;
            b.ActiveStart = w.Start + w.Rng.NextLong(20 * Day);
            b.ActiveEnd = w.End;
            b.TimeZoneHours = w.Rng.Pick([-8, -5, 0, 1, 5, 8, 9]);
            w.SetAdoption(b, w.RandomAdoption());
            var a = w.Account(ScenarioKind.LegitApiGateway, null, "self_serve", b, w.AgedCreation(1, 500));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    public void PlanHackathons()
    {
        var events = w.Scaled(4, 1);
        var client = w.Client("jupyter-notebook/7.2");
        for (var e = 0; e < events; e++)
        {
            var u = w.Rng.Next(Universities.Length);
            var venue = w.Pools.Campus(u);
            var notebook = w.NewTemplate();
            var eventStart = w.Start + ((5 + w.Rng.Next(45)) * Day) + (9 * Hour);
            var sponsor = w.NewCard("invoice", null, "US"); // event credits: one instrument for everyone
            var size = w.Scaled(70, 8);
            for (var i = 0; i < size; i++)
            {
                var created = eventStart - (2 * Hour) + w.Rng.NextLong(3 * Hour);
                var b = w.Behaviour(w.Caps((Chat, .3), (AgenticCoding, .4), (Vision, .15), (ToolUse, .15)), w.OrdinaryCaps(), venue, [w.Rng.Pick(w.Pools.Homes())]);
                b.RequestCount = w.Rng.LogNormal(80, .5, 10, 600);
                b.WorkShare = .8;
                b.WorkWindowStart = created + 60_000;
                b.WorkWindowEnd = eventStart + (36 * Hour);
                b.WorkTemplates = [notebook];
                b.WorkTemplateShare = .6;
                b.Client = client;
                b.AltClient = w.Client("provider-sdk-python/2.3.1");
                b.AltClientShare = .3;
                b.ActiveStart = created + 60_000;
                b.ActiveEnd = w.End;
                w.SetAdoption(b, w.RandomAdoption());
                var a = w.Account(ScenarioKind.LegitHackathon, null, w.Rng.Chance(.6) ? "education" : "self_serve", b, created);
                w.Email(a, w.Rng.Chance(.6) ? Universities[u] : w.Rng.Pick(CommonMail));
                a.Country = "US";
                w.Payments.Add((a, sponsor with { FirstSeen = created + (10 * 60_000L) }));
                if (w.Rng.Chance(.3))
                {
                    w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), "US") with { FirstSeen = created + (3 * Day) }));
                }
            }
        }
    }

    public void PlanCron()
    {
        var count = w.Scaled(160, 4);
        int[] periods = [1, 2, 3, 4, 6];
        var schedules = periods.Select(p => Enumerable.Range(0, PeriodDays * 24 / p).Select(k => w.Start + (k * p * Hour) + 2000).ToArray()).ToArray();
        var client = w.Client("python-requests/2.32.3");
        for (var i = 0; i < count; i++)
        {
            var p = w.Rng.Next(periods.Length);
            var ips = new[] { w.Rng.Pick(w.Pools.Hosting) };
            var capsOwn = w.Caps((w.Rng.Pick([ToolUse, Other, Chat, RubricGrading]), 1));
            var b = w.Behaviour(capsOwn, w.OrdinaryCaps(), ips, ips);
            var perFiring = w.Rng.Between(1, 3);
            b.RequestCount = schedules[p].Length * perFiring;
            b.WorkShare = 1;
            b.Schedule = schedules[p];
            b.TickMs = 1500;
            b.JitterMs = 2000;
            b.WorkTemplates = w.NewTemplates(w.Rng.Between(1, 3));
            b.WorkTemplateShare = 1;
            b.Client = client;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            w.SetAdoption(b, Adoption.Pinned);
            var a = w.Account(ScenarioKind.LegitCron, null, w.Rng.Chance(.3) ? "enterprise" : "self_serve", b, w.AgedCreation(20, 900));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    public void PlanSharedEgress(ScenarioKind kind, int count)
    {
        int[] egress;
        var campus = kind == ScenarioKind.LegitCampusNat;
        var u = w.Rng.Next(Universities.Length);
        if (campus)
        {
            egress = w.Pools.Campus(u);
        }
        else
        {
            var mobile = w.Pool(8, ["172.56", "2607:fb90"], [(21928, "T-Mobile USA, Inc.")], "mobile", .1, true, contiguous: true);
            var notebooks = w.Pool(4, ["34.125"], [(396982, "Google LLC")], "datacenter", .1, false, contiguous: true);
            egress = [.. mobile, .. notebooks];
        }

        for (var i = 0; i < count; i++)
        {
            int[] ips = campus ? egress : [egress[w.Rng.Next(egress.Length)], egress[w.Rng.Next(egress.Length)]];
            var b = w.Behaviour(w.RandomCaps(), w.OrdinaryCaps(), ips, ips);
            b.RequestCount = w.Rng.LogNormal(60, .8, 3, 800);
            b.WorkShare = .5;
            b.PrivateTemplates = w.NewTemplates(w.Rng.Between(2, 8));
            b.WorkTemplates = b.PrivateTemplates;
            b.WorkTemplateShare = .5;
            b.Client = w.Client(w.Rng.Pick(["provider-sdk-python/2.3.1", "provider-sdk-node/2.1.0", "web-console/2026.1"]));
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            b.TimeZoneHours = campus ? 0 : -6;
            w.SetAdoption(b, w.RandomAdoption());
            var a = w.Account(kind, null, campus ? "education" : "self_serve", b, w.AgedCreation(1, 1000));
            if (campus)
            {
                w.Email(a, Universities[u]);
                a.Country = "US";
            }
            else
            {
                w.Person(a);
            }

            if (w.Rng.Chance(.7))
            {
                w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }

    public void PlanFamilies()
    {
        var count = w.Scaled(240, 6);
        for (var i = 0; i < count;)
        {
            var size = Math.Min(count - i, w.Rng.Between(2, 5));
            var card = w.NewCard("card", w.Rng.Pick(CommonBins), "US");
            int[] home = [w.Rng.Pick(w.Pools.Homes())];
            var surname = w.Rng.Pick(LastNames);
            for (var k = 0; k < size; k++, i++)
            {
                var b = w.Ordinary(home, w.Rng.LogNormal(60, .8, 3, 600));
                var a = w.Account(ScenarioKind.LegitFamily, null, "self_serve", b, w.AgedCreation(1, 1000));
                w.Email(a, w.Rng.Pick(CommonMail));
                a.DisplayName = $"{w.Rng.Pick(FirstNames)} {surname}";
                a.Country = "US";
                w.Payments.Add((a, card with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }

    public void PlanVpnUsers()
    {
        var count = w.Scaled(400, 8);
        for (var i = 0; i < count; i++)
        {
            int[] ips = [w.Rng.Pick(w.Pools.Vpn), w.Rng.Pick(w.Pools.Vpn), w.Rng.Pick(w.Pools.Homes())];
            var b = w.Ordinary(ips, w.Rng.LogNormal(80, .8, 3, 900));
            var a = w.Account(ScenarioKind.LegitVpn, null, "self_serve", b, w.AgedCreation(1, 1000));
            w.Person(a);
            w.Payments.Add((a, w.NewCard(w.Rng.Chance(.8) ? "card" : "wallet", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    public void PlanProxyExitHomes()
    {
        var count = w.Scaled(300, 6);
        for (var i = 0; i < count; i++)
        {
            // The first 30 exits carry the peer-shared ip indicators: put innocents behind some of them.
            int[] ips = [w.Pools.ResidentialExits[i < 10 ? i : w.Rng.Next(w.Pools.ResidentialExits.Length)]];
            var b = w.Ordinary(ips, w.Rng.LogNormal(80, .8, 3, 900));
            var a = w.Account(ScenarioKind.LegitProxyExitHome, null, "self_serve", b, w.AgedCreation(1, 1000));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    public void PlanPowerUsers()
    {
        var count = w.Scaled(40, 2);
        var python = w.Client("provider-sdk-python/2.3.1");
        for (var i = 0; i < count; i++)
        {
            var every = w.Rng.Pick([10, 15, 20]) * 60_000L;
            var offset = w.Rng.NextLong(every);
            var schedule = Enumerable.Range(0, (int)(PeriodDays * Day / every)).Select(k => w.Start + offset + (k * every)).ToArray();
            int[] ips = [w.Rng.Pick(w.Pools.Hosting)];
            var b = w.Behaviour(w.Caps((ReasoningCot, .4), (AgenticCoding, .4), (ToolUse, .2)), w.OrdinaryCaps(), ips, [.. ips, w.Rng.Pick(w.Pools.Homes())]);
            b.RequestCount = w.Rng.LogNormal(6000, .3, 2000, 15000);
            b.WorkShare = .9;
            b.Schedule = schedule;
            b.TickMs = 1000;
            b.JitterMs = 400;
            b.WorkTemplates = w.NewTemplates(5);
            b.WorkTemplateShare = .95;
            b.Client = w.Rng.Chance(.3) ? w.HarnessClient : python;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            w.SetAdoption(b, w.Rng.Chance(.5) ? Adoption.Eager : Adoption.Normal);
            WorldBuilder.LongOutputs(b);
            var a = w.Account(ScenarioKind.LegitPowerUser, null, w.Rng.Chance(.5) ? "self_serve" : "enterprise", b, w.AgedCreation(30, 1000));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    public void PlanAgentHarnessUsers()
    {
        var count = w.Scaled(500, 8);
        for (var i = 0; i < count; i++)
        {
            int[] ips = [w.Rng.Pick(w.Pools.Homes()), w.Rng.Pick(w.Pools.Homes())];
            var b = w.Behaviour(w.Caps((AgenticCoding, .6), (ToolUse, .3), (ComputerUse, .1)), w.OrdinaryCaps(), ips, ips);
            b.RequestCount = w.Rng.LogNormal(200, .7, 10, 3000);
            b.WorkShare = .8;
            b.WorkTemplates = [w.HarnessTemplate];
            b.WorkTemplateShare = .4;
            b.PrivateTemplates = w.NewTemplates(w.Rng.Between(2, 10));
            b.Client = w.HarnessClient;
            b.AltClient = w.Client("provider-sdk-python/2.3.1");
            b.AltClientShare = .1;
            b.ActiveStart = w.Start;
            b.ActiveEnd = w.End;
            b.TimeZoneHours = w.Rng.Pick([-8, -5, 0, 1, 2, 5, 8, 9]);
            w.SetAdoption(b, w.RandomAdoption());
            var a = w.Account(ScenarioKind.LegitAgentHarness, null, w.Rng.Chance(.8) ? "self_serve" : "startup_program", b, w.AgedCreation(1, 800));
            w.Person(a);
            w.Payments.Add((a, w.NewCard("card", w.Rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    /// <summary>
    /// The transparent-team family: office teams spread over every access pathway, each still one
    /// organisation, one company domain, one card and one office egress with a nightly sweep, run by a
    /// crew grid, a round robin or a random subset of the team. They must not be flagged.
    /// </summary>
    public AppliedVariant ApplyTransparentTeams(int firstAccount)
    {
        string[] pathways = ["enterprise", "startup_program", "education", "security_research", "self_serve"];
        var teams = w.Accounts.Skip(firstAccount).Where(a => a.Scenario == ScenarioKind.LegitOfficeTeam).GroupBy(a => a.OrgName).ToList();
        var count = 0;
        for (var t = 0; t < teams.Count; t++)
        {
            var members = teams[t].ToList();
            var pathway = pathways[t % pathways.Length];
            var scheduler = w.Rng.Pick([Scheduler.CrewBursts, Scheduler.RoundRobin, Scheduler.RandomSubset]);
            var slotTicks = w.Rng.Between(60, 300);
            for (var i = 0; i < members.Count; i++)
            {
                var b = members[i].Behaviour;
                members[i].Pathway = pathway;
                b.Scheduler = scheduler;
                b.CrewSize = members.Count;
                b.MemberIndex = i;
                b.SlotTicks = slotTicks;
                count++;
            }
        }

        return new AppliedVariant(ScenarioKind.LegitOfficeTeam, null, count, null,
            "transparent_teams: one org, domain, card and office IP per team; pathways enterprise, startup_program, education, security_research, self_serve in turn; nightly sweep by crew grid, round robin or random subset");
    }
}
