using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.Infrastructure.Synthetic;

/// <summary>
/// Builds the <see cref="SyntheticWorld"/>: every scenario of docs/generator.md with its accounts,
/// groups, shared payment instruments, IP pools, prompt templates, timing schedules and indicators.
/// Single-threaded and driven by one random stream, so the plan depends on the seed and options only.
/// </summary>
internal sealed class SyntheticWorldPlanner
{
    private const long Hour = 3_600_000L;
    private const long Day = 24 * Hour;
    private const int PeriodDays = 60;
    private const long Never = long.MaxValue;

    // Indices into the capability table; order matches Capabilities.
    private const int ReasoningCot = 0;
    private const int RubricGrading = 1;
    private const int CensorshipRewrite = 2;
    private const int AgenticCoding = 3;
    private const int ToolUse = 4;
    private const int ComputerUse = 5;
    private const int Vision = 6;
    private const int Chat = 7;
    private const int Other = 8;

    private static readonly string[] Capabilities =
        ["reasoning_cot", "rubric_grading", "censorship_rewrite", "agentic_coding", "tool_use", "computer_use", "vision", "chat", "other"];

    private static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chen", "Dara", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi", "Lena", "Mateo", "Nadia",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno",
        "Carla", "Dmitri", "Elif", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luis", "Mia", "Nils",
    ];

    private static readonly string[] LastNames =
    [
        "Silva", "Okafor", "Wang", "Novak", "Schmidt", "Haddad", "Kim", "Rossi", "Dubois", "Tanaka", "Mensah", "Kowalski",
        "Garcia", "Ivanova", "Nguyen", "Olsen", "Patel", "Moreau", "Yilmaz", "Costa", "Brown", "Fischer", "Sato", "Lopez",
        "Ahmed", "Berg", "Cohen", "Diaz", "Eriksen", "Fontaine",
    ];

    private static readonly string[] CommonMail = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "hotmail.com", "gmx.de", "mail.ru", "qq.com", "yandex.com"];

    private static readonly string[] Countries = ["US", "US", "US", "GB", "DE", "FR", "IN", "BR", "CA", "JP", "KR", "NL", "PL", "ES", "SG", "AU", "SE", "MX", "NG", "TR"];

    // BINs seen across every population: campaigns buy ordinary cards, so a BIN alone proves nothing.
    private static readonly string[] CommonBins = ["414720", "426684", "453275", "471604", "518791", "531993", "542418", "552433", "601100", "37828200"];

    private static readonly string[] Universities = ["northfield.edu", "uni-lindenau.de", "ecole-vauclair.fr", "kasamatsu-u.ac.jp", "riverton.ac.uk", "college-of-halden.edu"];

    private static readonly string[] UniversityNames = ["Northfield University", "Universität Lindenau", "École Vauclair", "Kasamatsu University", "Riverton College", "College of Halden"];

    private static readonly string[] Companies =
    [
        "Kettle & Rye, Inc.", "Blue Heron Analytics", "Mosaic Freight", "Quarry Labs", "Tidewater Insurance", "Orbit Legal",
        "Fennel Health", "Granite Bank", "Lumen Retail", "Parsec Games", "Saltmarsh Media", "Vireo Energy",
    ];

    private readonly SyntheticOptions _options;
    private readonly double _scale;
    private readonly long _start;
    private readonly long _end;
    private readonly long[] _releases;
    private readonly List<PlannedAccount> _accounts = [];
    private readonly List<(PlannedAccount, PaymentRow)> _payments = [];
    private readonly List<IndicatorRow> _indicators = [];
    private readonly List<string> _templates = [];
    private readonly List<string> _clients = [];
    private readonly List<IpEntry> _ips = [];
    private readonly HashSet<string> _ipTexts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fingerprints = new(StringComparer.Ordinal);
    private SyntheticRandom _rng;

    private int _harnessClient;
    private int _harnessTemplate;
    private int[] _hostingIps = [];
    private int[] _vpnIps = [];
    private int[] _residentialExits = [];

    public SyntheticWorldPlanner(SyntheticOptions options)
    {
        _options = options;
        _scale = options.Scale;
        _rng = new SyntheticRandom(SyntheticRandom.Derive(options.Seed, 1));
        _start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        _end = _start + (PeriodDays * Day);
        _releases =
        [
            new DateTimeOffset(2025, 6, 10, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            new DateTimeOffset(2025, 9, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            _start + (14 * Day) + (17 * Hour),
            _start + (30 * Day) + (16 * Hour),
            _start + (49 * Day) + (18 * Hour),
        ];
    }

    public SyntheticWorld Plan()
    {
        _harnessClient = Client("openharness/1.8.2");
        _harnessTemplate = NewTemplate();
        _hostingIps = Pool(Scaled(900, 40), ["159.89", "164.92", "142.93", "5.161", "95.216"],
            [(14061, "DigitalOcean, LLC"), (24940, "Hetzner Online GmbH"), (16276, "OVH SAS")], "datacenter", 0.1, false);
        _vpnIps = Pool(Math.Max(40, Scaled(220, 0)), ["89.187", "185.153", "146.70"],
            [(9009, "M247 Europe SRL"), (60068, "Datacamp Limited")], "vpn", 0.3, false);
        _residentialExits = Pool(Scaled(6000, 48), ["73.12", "98.207", "24.130", "79.241", "86.134", "2.205", "188.97"],
            [(7922, "Comcast Cable Communications, LLC"), (20115, "Charter Communications"), (3320, "Deutsche Telekom AG"), (2856, "British Telecommunications PLC"), (3215, "Orange S.A.")],
            "residential", 0.15, true);

        PlanSyncOperator();
        PlanPivotOperator();
        PlanHydraReseller();
        PlanUnknownOperator();
        PlanOfficeTeams();
        PlanResearchLabs();
        PlanApiGateway();
        PlanHackathons();
        PlanCron();
        PlanSharedEgress(ScenarioKind.LegitCgnat, Scaled(700, 10));
        PlanSharedEgress(ScenarioKind.LegitCampusNat, Scaled(600, 10));
        PlanFamilies();
        PlanVpnUsers();
        PlanProxyExitHomes();
        PlanPowerUsers();
        PlanAgentHarnessUsers();
        PlanBackground();
        return Finish();
    }

    private int Scaled(double count, int min) => Math.Max(min, (int)Math.Round(count * _scale));

    // ---------------------------------------------------------------- campaigns

    private void PlanSyncOperator()
    {
        const string op = "op-lantern";
        const string name = "Lantern Harvest";
        var count = Scaled(48, 8);
        var egress = Pool(12, ["91.203"], [(213377, "Kestrel Cloud SRL")], "datacenter", 0.2, false, contiguous: true);
        var templates = NewTemplates(6);
        var cards = Enumerable.Range(0, 4).Select(_ => NewCard("card", _rng.Pick(CommonBins), "GB")).ToArray();
        var schedule = new List<long>();
        for (var d = 0; d < PeriodDays; d++)
        {
            foreach (var h in (int[])[3, 11, 19])
            {
                schedule.Add(_start + (d * Day) + (h * Hour) + (_rng.Next(40) * 60_000L));
            }
        }

        var caps = Caps((ReasoningCot, .55), (RubricGrading, .3), (CensorshipRewrite, .15));
        var python = Client("python-httpx/0.27.0");
        for (var i = 0; i < count; i++)
        {
            var b = Behaviour(caps, OrdinaryCaps(), [.. egress], [.. egress]);
            b.RequestCount = _rng.Between(700, 1000);
            b.WorkShare = 1 - _options.CamouflageShare;
            b.Schedule = [.. schedule];
            b.TickMs = 4000;
            b.JitterMs = _options.SyncJitterMs;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .92;
            b.Client = python;
            b.AltClient = Client("provider-sdk-python/2.3.1");
            b.AltClientShare = .1;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            SetAdoption(b, Adoption.Slow);
            LongOutputs(b);
            var a = Account(ScenarioKind.SyncOperator, op, _rng.Chance(.8) ? "self_serve" : "startup_program", b, AgedCreation(30, 400));
            Email(a, _rng.Chance(.7) ? "relaymail-ox.net" : _rng.Pick(CommonMail));
            a.Country = _rng.Pick(["GB", "NL", "CY", "US"]);
            _payments.Add((a, cards[i % cards.Length] with { FirstSeen = a.CreatedAt + Hour }));
            if (_rng.Chance(.2))
            {
                _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), "US") with { FirstSeen = a.CreatedAt + Day }));
            }
        }

        Indicator(op, name, "email_domain", "relaymail-ox.net", .9, "peer-share");
        var egressText = _ips[egress[0]].Text;
        Indicator(op, name, "cidr", egressText[..(egressText.LastIndexOf('.') + 1)] + "0/24", .8, "peer-share");
        Indicator(op, name, "payment_fingerprint", cards[0].Fingerprint, .85, "internal-investigation");
        Indicator(op, name, "payment_fingerprint", cards[1].Fingerprint, .85, "internal-investigation");
    }

    private void PlanPivotOperator()
    {
        const string op = "op-orchard";
        const string name = "Orchard Collective";
        var count = Scaled(900, 12);
        var poolSize = _options.ProxyPoolSize ?? 240;
        var proxies = Pool(poolSize, ["167.99", "188.166", "49.12", "51.38"],
            [(14061, "DigitalOcean, LLC"), (24940, "Hetzner Online GmbH"), (16276, "OVH SAS")], "datacenter", 0.15, false);
        var templates = NewTemplates(40);
        templates[0] = _harnessTemplate; // the harness's default system prompt: shared with innocent harness users
        var caps = Caps((ReasoningCot, .35), (AgenticCoding, .25), (ToolUse, .2), (ComputerUse, .05), (CensorshipRewrite, .15));
        var python = Client("python-httpx/0.27.0");
        var cells = Math.Max(1, count / 150);
        var schedules = new long[cells][];
        for (var c = 0; c < cells; c++)
        {
            var s = new List<long>();
            for (var t = _start + (_rng.Next(6) * Hour); t < _end; t += (5 * Hour) + _rng.NextLong(2 * Hour))
            {
                s.Add(t);
            }

            schedules[c] = [.. s];
        }

        var eduDomains = Enumerable.Range(0, Math.Max(2, count / 25)).Select(i => $"inst-{Hex(3)}.edu").ToArray();
        var startupDomains = Enumerable.Range(0, Math.Max(2, count / 20)).Select(i => $"{_rng.Pick(["nimbly", "tensorwise", "quickforge", "datapilot", "lumio"])}{_rng.Next(900)}.ai").ToArray();
        PaymentRow? batchCard = null;
        var batchLeft = 0;
        var named = new List<PlannedAccount>();
        for (var i = 0; i < count; i++)
        {
            var own = _rng.Between(3, 8);
            var ips = new int[own];
            for (var k = 0; k < own; k++)
            {
                ips[k] = proxies[_rng.Next(proxies.Length)];
            }

            var b = Behaviour(caps, OrdinaryCaps(), ips, ips);
            b.RequestCount = _rng.LogNormal(2000, .35, 600, 6000);
            b.WorkShare = 1 - _options.CamouflageShare;
            b.Schedule = schedules[i % cells];
            b.TickMs = 9000;
            b.JitterMs = 45_000;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .85;
            b.Client = _rng.Chance(.8) ? _harnessClient : python;
            b.AltClient = python;
            b.AltClientShare = .05;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            SetAdoption(b, Adoption.Pivot);
            b.NewestShareWork = .97;
            LongOutputs(b);
            var roll = _rng.NextDouble();
            var pathway = roll < .35 ? "education" : roll < .7 ? "startup_program" : "self_serve";
            var a = Account(ScenarioKind.PivotOperator, op, pathway, b, AgedCreation(5, 200));
            switch (pathway)
            {
                case "education":
                    Email(a, _rng.Pick(eduDomains));
                    a.OrgName = _rng.Chance(.3) ? "Brightwell Institute of Technology" : $"Institute {Hex(2).ToUpperInvariant()} of Applied Computing";
                    break;
                case "startup_program":
                    Email(a, _rng.Pick(startupDomains));
                    a.OrgName = _rng.Chance(.5) ? $"{_rng.Pick(["Nimbly", "Tensorwise", "Quickforge", "Datapilot", "Lumio"])} Labs" : null;
                    break;
                default:
                    Email(a, _rng.Pick(CommonMail));
                    break;
            }

            a.Country = _rng.Pick(["US", "SG", "HK", "MY", "US", "CA"]);
            if (batchLeft == 0 && _rng.Chance(.45))
            {
                batchCard = NewCard("card", _rng.Pick(CommonBins), "US");
                batchLeft = _rng.Between(3, 6);
            }

            if (batchLeft > 0 && batchCard is not null)
            {
                _payments.Add((a, batchCard with { FirstSeen = a.CreatedAt + Hour }));
                batchLeft--;
            }
            else
            {
                _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), "US") with { FirstSeen = a.CreatedAt + Hour }));
            }

            // Accounts banned earlier (account_id indicators): every 7th, at most 6, at least one at any scale.
            if (named.Count < 6 && i % 7 == 3)
            {
                a.Status = "suspended";
                named.Add(a);
            }
        }

        Indicator(op, name, "asn", "24940", .45, "peer-share");
        Indicator(op, name, "client", "openharness/1.8.2", .3, "peer-share");
        Indicator(op, name, "org_name", "Brightwell Institute of Technology", .6, "internal-investigation");
        for (var k = 1; k <= 3; k++)
        {
            Indicator(op, name, "prompt_fingerprint", _templates[templates[k]], .75, "internal-investigation");
        }

        foreach (var a in named)
        {
            _deferredAccountIndicators.Add((op, name, a, .95));
        }
    }

    private readonly List<(string Op, string Name, PlannedAccount Account, double Confidence)> _deferredAccountIndicators = [];

    private void PlanHydraReseller()
    {
        const string op = "op-hydra";
        const string name = "Hydra Relay Network";
        var count = Scaled(20000, 60);
        var templates = NewTemplates(60);
        var caps = Caps((ReasoningCot, .45), (RubricGrading, .25), (AgenticCoding, .15), (Vision, .05), (CensorshipRewrite, .1));
        var resold = Caps((Chat, .5), (AgenticCoding, .15), (Other, .15), (Vision, .1), (ToolUse, .1));
        int[] clients = [Client("provider-sdk-python/2.3.1"), Client("provider-sdk-node/2.1.0"), Client("okhttp/4.12.0")];
        string[] throwaway = ["fastinbox.io", "mailrelay.cc", "tmpbox.net", "quickmail.app"];
        var resaleShare = Math.Min(.9, .3 + _options.CamouflageShare);
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
                crewLeft = _rng.Between(40, 120);
                var s = new List<long>();
                for (var t = _start + _rng.NextLong(8 * Hour); t < _end; t += (3 * Hour) + _rng.NextLong(5 * Hour))
                {
                    s.Add(t);
                }

                crewSchedule = [.. s];
                crewJitter = _rng.Between(20_000, 180_000);
                crewTemplates = [.. Enumerable.Range(0, 12).Select(_ => _rng.Pick(templates))];
            }

            crewLeft--;
            var ips = new int[_rng.Between(4, 12)];
            for (var k = 0; k < ips.Length; k++)
            {
                ips[k] = _residentialExits[_rng.Next(_residentialExits.Length)];
            }

            var b = Behaviour(caps, resold, ips, ips);
            b.RequestCount = _rng.LogNormal(480, .6, 80, 4000);
            b.WorkShare = 1 - resaleShare;
            b.Schedule = crewSchedule;
            b.TickMs = 6000;
            b.JitterMs = crewJitter;
            b.WorkTemplates = crewTemplates;
            b.WorkTemplateShare = .8;
            b.PrivateTemplates = NewTemplates(_rng.Between(8, 30)); // resold customers' own prompts
            b.Client = _rng.Pick(clients);
            b.AltClient = _rng.Pick(clients);
            b.AltClientShare = .3;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            b.TimeZoneHours = _rng.Pick([-8, -5, 0, 1, 8]);
            SetAdoption(b, Adoption.Fast);
            LongOutputs(b);
            var roll = _rng.NextDouble();
            var pathway = roll < .7 ? "self_serve" : roll < .9 ? "reseller" : "startup_program";
            var a = Account(ScenarioKind.HydraReseller, op, pathway, b, AgedCreation(2, 700));
            Email(a, _rng.Chance(.85) ? _rng.Pick(CommonMail) : _rng.Pick(throwaway));
            if (pathway == "reseller")
            {
                a.OrgName = _rng.Chance(.6) ? "Nimbus Reseller LLC" : $"{_rng.Pick(LastNames)} Digital";
            }

            a.Country = _rng.Pick(Countries);
            a.Status = _rng.Chance(.05) ? "suspended" : "active";
            if (cardLeft == 0)
            {
                var kindRoll = _rng.NextDouble();
                card = kindRoll < .8 ? NewCard("card", _rng.Pick(CommonBins), _rng.Pick(Countries)) : NewCard(kindRoll < .95 ? "wallet" : "crypto", null, null);
                cardLeft = _rng.Between(5, 25);
            }

            cardLeft--;
            _payments.Add((a, card! with { FirstSeen = a.CreatedAt + _rng.NextLong(Day) }));
            if (hashed.Count < 12 && a.EmailHash is not null && _rng.Chance(.05))
            {
                hashed.Add(a);
            }
        }

        foreach (var a in hashed)
        {
            Indicator(op, name, "email_hash", a.EmailHash!, .9, "peer-share");
        }

        Indicator(op, name, "email_domain", "tmpbox.net", .65, "peer-share");
        Indicator(op, name, "org_name", "Nimbus Reseller LLC", .55, "peer-share");
        var hydraCards = _payments.Where(p => p.Item1.Scenario == ScenarioKind.HydraReseller).Select(p => p.Item2.Fingerprint).Distinct().ToList();
        var cardIndicators = Math.Min(6, hydraCards.Count);
        for (var k = 0; k < cardIndicators; k++)
        {
            Indicator(op, name, "payment_fingerprint", hydraCards[k * hydraCards.Count / cardIndicators], .7, "internal-investigation");
        }

        // Exit IPs reported by a peer: residential exits, some of which are also innocent homes (weak on purpose).
        for (var k = 0; k < 30; k++)
        {
            Indicator(op, name, "ip", _ips[_residentialExits[k]].Text, k < 10 ? .25 : .4, "peer-share");
        }
    }

    private void PlanUnknownOperator()
    {
        const string op = "op-unknown";
        var count = Scaled(3000, 16);
        var templates = NewTemplates(20);
        var caps = Caps((RubricGrading, .4), (ReasoningCot, .4), (ToolUse, .2));
        int[] clients = [Client("go-http-client/2.0"), Client("python-httpx/0.27.0")];
        var crews = 4;
        var schedules = new long[crews][];
        for (var c = 0; c < crews; c++)
        {
            var s = new List<long>();
            var h = _rng.Next(24);
            for (var d = 0; d < PeriodDays; d++)
            {
                s.Add(_start + (d * Day) + (h * Hour) + _rng.NextLong(30 * 60_000L));
                s.Add(_start + (d * Day) + (((h + 12) % 24) * Hour) + _rng.NextLong(30 * 60_000L));
            }

            s.Sort();
            schedules[c] = [.. s];
        }

        var hosting = Pool(Math.Max(12, Scaled(150, 0)), ["3.120", "18.184", "52.14"], [(16509, "Amazon.com, Inc.")], "datacenter", 0.1, false);
        PaymentRow? card = null;
        var left = 0;
        for (var i = 0; i < count; i++)
        {
            var ips = new int[_rng.Between(3, 7)];
            for (var k = 0; k < ips.Length; k++)
            {
                ips[k] = _rng.Chance(.6) ? _rng.Pick(_vpnIps) : _rng.Pick(hosting);
            }

            var b = Behaviour(caps, OrdinaryCaps(), ips, ips);
            b.RequestCount = _rng.LogNormal(800, .3, 250, 2500);
            b.WorkShare = 1 - _options.CamouflageShare;
            b.Schedule = schedules[i % crews];
            b.TickMs = 3000;
            b.JitterMs = 5000;
            b.WorkTemplates = templates;
            b.WorkTemplateShare = .9;
            b.Client = clients[0];
            b.AltClient = clients[1];
            b.AltClientShare = .4;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            SetAdoption(b, Adoption.Slow);
            LongOutputs(b);
            var a = Account(ScenarioKind.UnknownOperator, op, _rng.Chance(.75) ? "self_serve" : "startup_program", b, AgedCreation(10, 300));
            Email(a, _rng.Pick(CommonMail));
            a.Country = _rng.Pick(Countries);
            if (left == 0)
            {
                card = NewCard("card", _rng.Chance(.6) ? "53547300" : _rng.Pick(CommonBins), "US"); // a prepaid BIN, also used by ordinary users
                left = _rng.Between(2, 4);
            }

            left--;
            _payments.Add((a, card! with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    // ---------------------------------------------------------------- look-alikes

    private void PlanOfficeTeams()
    {
        var teams = _options.SharedCardTeams ?? Math.Max(3, (int)Math.Round(70 * _scale));
        var python = Client("provider-sdk-python/2.3.1");
        var caps = Caps((RubricGrading, .4), (ReasoningCot, .3), (AgenticCoding, .3));
        for (var t = 0; t < teams; t++)
        {
            var company = Companies[t % Companies.Length] + (t >= Companies.Length ? $" {t / Companies.Length + 1}" : "");
            var domain = new string([.. company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]) + ".com";
            var office = Pool(_rng.Between(1, 2), ["38.104", "65.19", "194.150"], [(174, "Cogent Communications"), (3356, "Level 3 Parent, LLC")], "datacenter", .5, false, contiguous: true);
            var card = NewCard(_rng.Chance(.7) ? "card" : "invoice", _rng.Chance(.7) ? _rng.Pick(CommonBins) : null, "US");
            var templates = NewTemplates(8);
            var hour = _rng.Between(1, 3);
            var minute = _rng.Next(60);
            var schedule = Enumerable.Range(0, PeriodDays).Select(d => _start + (d * Day) + (hour * Hour) + (minute * 60_000L)).ToArray();
            var size = _rng.Between(4, 20);
            var tz = _rng.Pick([-5, 0, 1]);
            for (var i = 0; i < size; i++)
            {
                int[] home = [_rng.Pick(PoolHomes())];
                var b = Behaviour(caps, OrdinaryCaps(), office, [.. office, .. home]);
                b.RequestCount = _rng.LogNormal(480, .4, 120, 2000);
                b.WorkShare = .5;
                b.Schedule = schedule;
                b.TickMs = 5000;
                b.JitterMs = 800;
                b.WorkTemplates = templates;
                b.WorkTemplateShare = .95;
                b.Client = python;
                b.ActiveStart = _start;
                b.ActiveEnd = _end;
                b.TimeZoneHours = tz;
                SetAdoption(b, _rng.Chance(.3) ? Adoption.Eager : Adoption.Normal);
                var a = Account(ScenarioKind.LegitOfficeTeam, null, _rng.Chance(.8) ? "enterprise" : "self_serve", b, AgedCreation(20, 900));
                Email(a, domain);
                a.OrgName = company;
                a.Country = tz == -5 ? "US" : tz == 0 ? "GB" : "DE";
                _payments.Add((a, card with { FirstSeen = a.CreatedAt + Day }));
            }
        }
    }

    private int[]? _homes;

    // Ordinary home connections (not proxy exits): cable/DSL of many ISPs, some IPv6.
    private int[] PoolHomes() => _homes ??= Pool(Scaled(30000, 600), ["67.160", "71.198", "108.28", "84.154", "91.64", "176.0", "81.2", "90.152", "177.34", "49.205"],
        [(7922, "Comcast Cable Communications, LLC"), (701, "Verizon Business"), (3320, "Deutsche Telekom AG"), (3215, "Orange S.A."), (5089, "Virgin Media Limited"), (28573, "Claro NXT"), (17676, "SoftBank Corp.")],
        "residential", .05, true);

    private void PlanResearchLabs()
    {
        var labs = Scaled(14, 2);
        var caps = Caps((ReasoningCot, .5), (RubricGrading, .4), (CensorshipRewrite, .1));
        var python = Client("python-httpx/0.27.0");
        for (var l = 0; l < labs; l++)
        {
            var u = l % Universities.Length;
            var campus = CampusIps(u);
            var templates = NewTemplates(10);
            var hour = _rng.Pick([22, 23, 0, 1, 2, 3]);
            var schedule = Enumerable.Range(0, PeriodDays).Select(d => _start + (d * Day) + (hour * Hour) + _rng.NextLong(20 * 60_000L)).ToArray();
            var card = NewCard("card", _rng.Pick(CommonBins), "US");
            var size = _rng.Between(3, 10);
            for (var i = 0; i < size; i++)
            {
                var b = Behaviour(caps, OrdinaryCaps(), campus, [.. campus, _rng.Pick(PoolHomes())]);
                b.RequestCount = _rng.LogNormal(2000, .4, 500, 6000);
                b.WorkShare = .8;
                b.Schedule = schedule;
                b.TickMs = 2000;
                b.JitterMs = 300;
                b.WorkTemplates = templates;
                b.WorkTemplateShare = .9;
                b.Client = _rng.Chance(.3) ? _harnessClient : python;
                b.ActiveStart = _start;
                b.ActiveEnd = _end;
                SetAdoption(b, Adoption.Eager);
                b.NewestShareWork = .7;
                LongOutputs(b);
                var a = Account(ScenarioKind.LegitResearchLab, null, _rng.Chance(.6) ? "education" : "security_research", b, AgedCreation(30, 900));
                Email(a, Universities[u]);
                a.OrgName = UniversityNames[u];
                a.Country = _rng.Pick(["US", "DE", "FR", "JP", "GB", "US"]);
                _payments.Add((a, (_rng.Chance(.7) ? card : NewCard("card", _rng.Pick(CommonBins), "US")) with { FirstSeen = a.CreatedAt + Day }));
            }
        }
    }

    private readonly Dictionary<int, int[]> _campus = [];

    private int[] CampusIps(int university)
    {
        if (!_campus.TryGetValue(university, out var ips))
        {
            ips = Pool(3, [$"128.{10 + university}"], [(1000 + university, UniversityNames[university])], "unknown", .3, false, contiguous: true);
            _campus[university] = ips;
        }

        return ips;
    }

    private void PlanApiGateway()
    {
        var users = Scaled(450, 10);
        var egress = Pool(3, ["54.201"], [(16509, "Amazon.com, Inc.")], "datacenter", .1, false, contiguous: true);
        var gatewayTemplate = NewTemplate();
        var client = Client("gatewayhub/3.2");
        for (var i = 0; i < users; i++)
        {
            var b = Behaviour(Caps((Chat, .6), (AgenticCoding, .2), (ToolUse, .2)), OrdinaryCaps(), egress, egress);
            b.RequestCount = _rng.LogNormal(150, .7, 10, 2000);
            b.WorkShare = .7;
            b.WorkTemplates = [gatewayTemplate];
            b.WorkTemplateShare = .7;
            b.Client = client;
            b.ActiveStart = _start + _rng.NextLong(20 * Day);
            b.ActiveEnd = _end;
            b.TimeZoneHours = _rng.Pick([-8, -5, 0, 1, 5, 8, 9]);
            SetAdoption(b, RandomAdoption());
            var a = Account(ScenarioKind.LegitApiGateway, null, "self_serve", b, AgedCreation(1, 500));
            Person(a);
            _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanHackathons()
    {
        var events = Scaled(4, 1);
        var client = Client("jupyter-notebook/7.2");
        for (var e = 0; e < events; e++)
        {
            var u = _rng.Next(Universities.Length);
            var venue = CampusIps(u);
            var notebook = NewTemplate();
            var eventStart = _start + ((5 + _rng.Next(45)) * Day) + (9 * Hour);
            var sponsor = NewCard("invoice", null, "US"); // event credits: one instrument for everyone
            var size = Scaled(70, 8);
            for (var i = 0; i < size; i++)
            {
                var created = eventStart - (2 * Hour) + _rng.NextLong(3 * Hour);
                var b = Behaviour(Caps((Chat, .3), (AgenticCoding, .4), (Vision, .15), (ToolUse, .15)), OrdinaryCaps(), venue, [_rng.Pick(PoolHomes())]);
                b.RequestCount = _rng.LogNormal(80, .5, 10, 600);
                b.WorkShare = .8;
                b.WorkWindowStart = created + 60_000;
                b.WorkWindowEnd = eventStart + (36 * Hour);
                b.WorkTemplates = [notebook];
                b.WorkTemplateShare = .6;
                b.Client = client;
                b.AltClient = Client("provider-sdk-python/2.3.1");
                b.AltClientShare = .3;
                b.ActiveStart = created + 60_000;
                b.ActiveEnd = _end;
                SetAdoption(b, RandomAdoption());
                var a = Account(ScenarioKind.LegitHackathon, null, _rng.Chance(.6) ? "education" : "self_serve", b, created);
                Email(a, _rng.Chance(.6) ? Universities[u] : _rng.Pick(CommonMail));
                a.Country = "US";
                _payments.Add((a, sponsor with { FirstSeen = created + (10 * 60_000L) }));
                if (_rng.Chance(.3))
                {
                    _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), "US") with { FirstSeen = created + (3 * Day) }));
                }
            }
        }
    }

    private void PlanCron()
    {
        var count = Scaled(160, 4);
        int[] periods = [1, 2, 3, 4, 6];
        var schedules = periods.Select(p => Enumerable.Range(0, PeriodDays * 24 / p).Select(k => _start + (k * p * Hour) + 2000).ToArray()).ToArray();
        var client = Client("python-requests/2.32.3");
        for (var i = 0; i < count; i++)
        {
            var p = _rng.Next(periods.Length);
            var ips = new[] { _rng.Pick(_hostingIps) };
            var capsOwn = Caps((_rng.Pick([ToolUse, Other, Chat, RubricGrading]), 1));
            var b = Behaviour(capsOwn, OrdinaryCaps(), ips, ips);
            var perFiring = _rng.Between(1, 3);
            b.RequestCount = schedules[p].Length * perFiring;
            b.WorkShare = 1;
            b.Schedule = schedules[p];
            b.TickMs = 1500;
            b.JitterMs = 2000;
            b.WorkTemplates = NewTemplates(_rng.Between(1, 3));
            b.WorkTemplateShare = 1;
            b.Client = client;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            SetAdoption(b, Adoption.Pinned);
            var a = Account(ScenarioKind.LegitCron, null, _rng.Chance(.3) ? "enterprise" : "self_serve", b, AgedCreation(20, 900));
            Person(a);
            _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanSharedEgress(ScenarioKind kind, int count)
    {
        int[] egress;
        var campus = kind == ScenarioKind.LegitCampusNat;
        var u = _rng.Next(Universities.Length);
        if (campus)
        {
            egress = CampusIps(u);
        }
        else
        {
            var mobile = Pool(8, ["172.56", "2607:fb90"], [(21928, "T-Mobile USA, Inc.")], "mobile", .1, true, contiguous: true);
            var notebooks = Pool(4, ["34.125"], [(396982, "Google LLC")], "datacenter", .1, false, contiguous: true);
            egress = [.. mobile, .. notebooks];
        }

        for (var i = 0; i < count; i++)
        {
            int[] ips = campus ? egress : [egress[_rng.Next(egress.Length)], egress[_rng.Next(egress.Length)]];
            var b = Behaviour(RandomCaps(), OrdinaryCaps(), ips, ips);
            b.RequestCount = _rng.LogNormal(60, .8, 3, 800);
            b.WorkShare = .5;
            b.PrivateTemplates = NewTemplates(_rng.Between(2, 8));
            b.WorkTemplates = b.PrivateTemplates;
            b.WorkTemplateShare = .5;
            b.Client = Client(_rng.Pick(["provider-sdk-python/2.3.1", "provider-sdk-node/2.1.0", "web-console/2026.1"]));
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            b.TimeZoneHours = campus ? 0 : -6;
            SetAdoption(b, RandomAdoption());
            var a = Account(kind, null, campus ? "education" : "self_serve", b, AgedCreation(1, 1000));
            if (campus)
            {
                Email(a, Universities[u]);
                a.Country = "US";
            }
            else
            {
                Person(a);
            }

            if (_rng.Chance(.7))
            {
                _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }

    private void PlanFamilies()
    {
        var count = Scaled(240, 6);
        for (var i = 0; i < count;)
        {
            var size = Math.Min(count - i, _rng.Between(2, 5));
            var card = NewCard("card", _rng.Pick(CommonBins), "US");
            int[] home = [_rng.Pick(PoolHomes())];
            var surname = _rng.Pick(LastNames);
            for (var k = 0; k < size; k++, i++)
            {
                var b = Ordinary(home, _rng.LogNormal(60, .8, 3, 600));
                var a = Account(ScenarioKind.LegitFamily, null, "self_serve", b, AgedCreation(1, 1000));
                Email(a, _rng.Pick(CommonMail));
                a.DisplayName = $"{_rng.Pick(FirstNames)} {surname}";
                a.Country = "US";
                _payments.Add((a, card with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }

    private void PlanVpnUsers()
    {
        var count = Scaled(400, 8);
        for (var i = 0; i < count; i++)
        {
            int[] ips = [_rng.Pick(_vpnIps), _rng.Pick(_vpnIps), _rng.Pick(PoolHomes())];
            var b = Ordinary(ips, _rng.LogNormal(80, .8, 3, 900));
            var a = Account(ScenarioKind.LegitVpn, null, "self_serve", b, AgedCreation(1, 1000));
            Person(a);
            _payments.Add((a, NewCard(_rng.Chance(.8) ? "card" : "wallet", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanProxyExitHomes()
    {
        var count = Scaled(300, 6);
        for (var i = 0; i < count; i++)
        {
            // The first 30 exits carry the peer-shared ip indicators: put innocents behind some of them.
            int[] ips = [_residentialExits[i < 10 ? i : _rng.Next(_residentialExits.Length)]];
            var b = Ordinary(ips, _rng.LogNormal(80, .8, 3, 900));
            var a = Account(ScenarioKind.LegitProxyExitHome, null, "self_serve", b, AgedCreation(1, 1000));
            Person(a);
            _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanPowerUsers()
    {
        var count = Scaled(40, 2);
        var python = Client("provider-sdk-python/2.3.1");
        for (var i = 0; i < count; i++)
        {
            var every = _rng.Pick([10, 15, 20]) * 60_000L;
            var offset = _rng.NextLong(every);
            var schedule = Enumerable.Range(0, (int)(PeriodDays * Day / every)).Select(k => _start + offset + (k * every)).ToArray();
            int[] ips = [_rng.Pick(_hostingIps)];
            var b = Behaviour(Caps((ReasoningCot, .4), (AgenticCoding, .4), (ToolUse, .2)), OrdinaryCaps(), ips, [.. ips, _rng.Pick(PoolHomes())]);
            b.RequestCount = _rng.LogNormal(6000, .3, 2000, 15000);
            b.WorkShare = .9;
            b.Schedule = schedule;
            b.TickMs = 1000;
            b.JitterMs = 400;
            b.WorkTemplates = NewTemplates(5);
            b.WorkTemplateShare = .95;
            b.Client = _rng.Chance(.3) ? _harnessClient : python;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            SetAdoption(b, _rng.Chance(.5) ? Adoption.Eager : Adoption.Normal);
            LongOutputs(b);
            var a = Account(ScenarioKind.LegitPowerUser, null, _rng.Chance(.5) ? "self_serve" : "enterprise", b, AgedCreation(30, 1000));
            Person(a);
            _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanAgentHarnessUsers()
    {
        var count = Scaled(500, 8);
        for (var i = 0; i < count; i++)
        {
            int[] ips = [_rng.Pick(PoolHomes()), _rng.Pick(PoolHomes())];
            var b = Behaviour(Caps((AgenticCoding, .6), (ToolUse, .3), (ComputerUse, .1)), OrdinaryCaps(), ips, ips);
            b.RequestCount = _rng.LogNormal(200, .7, 10, 3000);
            b.WorkShare = .8;
            b.WorkTemplates = [_harnessTemplate];
            b.WorkTemplateShare = .4;
            b.PrivateTemplates = NewTemplates(_rng.Between(2, 10));
            b.Client = _harnessClient;
            b.AltClient = Client("provider-sdk-python/2.3.1");
            b.AltClientShare = .1;
            b.ActiveStart = _start;
            b.ActiveEnd = _end;
            b.TimeZoneHours = _rng.Pick([-8, -5, 0, 1, 2, 5, 8, 9]);
            SetAdoption(b, RandomAdoption());
            var a = Account(ScenarioKind.LegitAgentHarness, null, _rng.Chance(.8) ? "self_serve" : "startup_program", b, AgedCreation(1, 800));
            Person(a);
            _payments.Add((a, NewCard("card", _rng.Pick(CommonBins), a.Country) with { FirstSeen = a.CreatedAt + Hour }));
        }
    }

    private void PlanBackground()
    {
        var count = Scaled(14000, 60);
        string[] clients = ["provider-sdk-python/2.3.1", "provider-sdk-node/2.1.0", "web-console/2026.1", "okhttp/4.12.0", "curl/8.5.0", "go-http-client/2.0"];
        for (var i = 0; i < count; i++)
        {
            var roll = _rng.NextDouble();
            int[] ips = roll < .8 ? [_rng.Pick(PoolHomes()), _rng.Pick(PoolHomes())] : roll < .9 ? [_rng.Pick(_hostingIps)] : [_rng.Pick(_vpnIps), _rng.Pick(PoolHomes())];
            var b = Ordinary(ips, _rng.LogNormal(110, .9, 1, 3000));
            b.Client = Client(_rng.Pick(clients));
            b.AltClient = Client(_rng.Pick(clients));
            var pathwayRoll = _rng.NextDouble();
            var pathway = pathwayRoll < .8 ? "self_serve" : pathwayRoll < .88 ? "education" : pathwayRoll < .94 ? "startup_program" : pathwayRoll < .98 ? "enterprise" : "other";
            var a = Account(ScenarioKind.LegitBackground, null, pathway, b, AgedCreation(-50, 1100));
            Person(a);
            if (_rng.Chance(.85))
            {
                var kindRoll = _rng.NextDouble();
                var kind = kindRoll < .85 ? "card" : kindRoll < .95 ? "wallet" : kindRoll < .98 ? "bank" : "crypto";
                _payments.Add((a, NewCard(kind, kind == "card" ? (_rng.Chance(.03) ? "53547300" : _rng.Pick(CommonBins)) : null, a.Country) with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }

    private AccountBehaviour Ordinary(int[] ips, int requests)
    {
        var b = Behaviour(RandomCaps(), OrdinaryCaps(), ips, ips);
        b.RequestCount = requests;
        b.WorkShare = .6;
        b.PrivateTemplates = NewTemplates(_rng.Between(1, 8));
        b.WorkTemplates = b.PrivateTemplates;
        b.WorkTemplateShare = .7;
        b.Client = Client(_rng.Pick(["provider-sdk-python/2.3.1", "provider-sdk-node/2.1.0", "web-console/2026.1"]));
        b.AltClient = Client("curl/8.5.0");
        b.AltClientShare = .03;
        b.ActiveStart = _start;
        b.ActiveEnd = _end;
        b.TimeZoneHours = _rng.Pick([-8, -6, -5, -3, 0, 1, 2, 3, 5, 8, 9]);
        SetAdoption(b, RandomAdoption());
        return b;
    }

    // ---------------------------------------------------------------- helpers

    private enum Adoption
    {
        Pivot,
        Fast,
        Eager,
        Normal,
        Slow,
        Pinned,
    }

    private Adoption RandomAdoption()
    {
        var roll = _rng.NextDouble();
        return roll < .2 ? Adoption.Eager : roll < .75 ? Adoption.Normal : roll < .9 ? Adoption.Slow : Adoption.Pinned;
    }

    private void SetAdoption(AccountBehaviour b, Adoption adoption)
    {
        for (var m = 0; m < _releases.Length; m++)
        {
            if (_releases[m] < _start)
            {
                b.AdoptDelayMs[m] = adoption == Adoption.Pinned && m > 0 && _rng.Chance(.5) ? Never : 0;
                continue;
            }

            b.AdoptDelayMs[m] = adoption switch
            {
                Adoption.Pivot => Hour + _rng.NextLong(13 * Hour), // + at most one burst gap (≤ 7 h): on the new model within 24 h
                Adoption.Fast => (6 * Hour) + _rng.NextLong(42 * Hour),
                Adoption.Eager => _rng.NextLong(10 * Hour),
                Adoption.Normal => _rng.Chance(.2) ? Never : Day + _rng.NextLong(19 * Day),
                Adoption.Slow => (2 * Day) + _rng.NextLong(5 * Day),
                _ => Never,
            };
        }

        if (b.AdoptDelayMs[0] == Never && b.AdoptDelayMs[1] == Never)
        {
            b.AdoptDelayMs[0] = 0;
        }
    }

    private AccountBehaviour Behaviour(WeightedChoice work, WeightedChoice ordinary, int[] workIps, int[] ordinaryIps)
    {
        var b = new AccountBehaviour
        {
            WorkCapabilities = work,
            OrdinaryCapabilities = ordinary,
            WorkIps = workIps,
            OrdinaryIps = ordinaryIps,
            AdoptDelayMs = new long[_releases.Length],
        };
        b.PrivateTemplates = NewTemplates(_rng.Between(2, 6));
        b.NoFingerprintShare = .01 + (_rng.NextDouble() * .03);
        return b;
    }

    private static void LongOutputs(AccountBehaviour b)
    {
        b.WorkInputMin = 300;
        b.WorkInputMax = 1800;
        b.WorkOutputMin = 1500;
        b.WorkOutputMax = 7000;
    }

    private WeightedChoice Caps(params (int Item, double Weight)[] entries)
    {
        // Every population's mix is jittered, so no two accounts share an exact profile by construction.
        var jittered = entries.Select(e => (e.Item, e.Weight * (0.7 + (0.6 * _rng.NextDouble())))).ToArray();
        return new WeightedChoice(jittered);
    }

    private WeightedChoice OrdinaryCaps() => Caps((Chat, .55), (AgenticCoding, .15), (Other, .1), (Vision, .08), (ToolUse, .07), (ReasoningCot, .05));

    private WeightedChoice RandomCaps()
    {
        var n = _rng.Between(2, 4);
        var list = new List<(int, double)>();
        for (var i = 0; i < n; i++)
        {
            list.Add((_rng.Next(Capabilities.Length), .2 + _rng.NextDouble()));
        }

        return new WeightedChoice(list);
    }

    private long AgedCreation(int minDaysBefore, int maxDaysBefore)
    {
        var days = minDaysBefore + _rng.NextDouble() * (maxDaysBefore - minDaysBefore);
        var created = _start - (long)(days * Day);
        return Math.Min(created, _end - (2 * Day));
    }

    private PlannedAccount Account(ScenarioKind kind, string? op, string pathway, AccountBehaviour b, long created)
    {
        var a = new PlannedAccount { Scenario = kind, OperatorId = op, Pathway = pathway, Behaviour = b, CreatedAt = created };
        a.Status = _rng.Chance(.015) ? "suspended" : _rng.Chance(.01) ? "closed" : _rng.Chance(.1) ? null : "active";
        a.DisplayName = _rng.Chance(.85) ? $"{_rng.Pick(FirstNames)} {_rng.Pick(LastNames)}" : null;
        // Activity never precedes the account.
        b.ActiveStart = Math.Max(b.ActiveStart, created + 60_000);
        if (b.ActiveStart >= b.ActiveEnd)
        {
            b.ActiveStart = b.ActiveEnd - Day;
        }

        _accounts.Add(a);
        return a;
    }

    private void Person(PlannedAccount a)
    {
        Email(a, _rng.Pick(CommonMail));
        a.Country = _rng.Pick(Countries);
    }

    private void Email(PlannedAccount a, string domain)
    {
        a.EmailDomain = domain;
        if (_rng.Chance(.9))
        {
            var local = $"{_rng.Pick(FirstNames)}.{_rng.Pick(LastNames)}{_rng.Next(10000)}".ToLowerInvariant();
            a.EmailHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{local}@{domain}")));
        }
    }

    private PaymentRow NewCard(string kind, string? bin, string? country)
    {
        string fingerprint;
        do
        {
            // "pf_" + hex: never a digit string, so it can never pass for a raw card number.
            fingerprint = "pf_" + Hex(12);
        }
        while (!_fingerprints.Add(fingerprint));

        return new PaymentRow(fingerprint, kind, bin, country, 0);
    }

    private string Hex(int bytes)
    {
        Span<byte> raw = stackalloc byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            raw[i] = (byte)_rng.Next(256);
        }

        return Convert.ToHexStringLower(raw);
    }

    private int NewTemplate()
    {
        _templates.Add(Hex(16));
        return _templates.Count - 1;
    }

    private int[] NewTemplates(int count)
    {
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = NewTemplate();
        }

        return result;
    }

    private readonly Dictionary<string, int> _clientIds = new(StringComparer.Ordinal);

    private int Client(string text)
    {
        if (!_clientIds.TryGetValue(text, out var id))
        {
            id = _clients.Count;
            _clients.Add(text);
            _clientIds[text] = id;
        }

        return id;
    }

    private int[] Pool(int count, string[] prefixes, (long Asn, string Org)[] asns, string ipType, double feedNoise, bool allowV6, bool contiguous = false)
    {
        string[] noisyTypes = ["residential", "mobile", "datacenter", "proxy", "vpn", "unknown"];
        var result = new int[count];
        var third = _rng.Next(200);
        var poolAsn = asns[_rng.Next(asns.Length)];
        for (var i = 0; i < count; i++)
        {
            var prefixIndex = _rng.Next(prefixes.Length);
            var p = prefixes[prefixIndex];
            // A prefix belongs to one network: the same /16 always maps to the same ASN (a contiguous pool to one).
            var asn = contiguous ? poolAsn : asns[prefixIndex % asns.Length];
            string text;
            var attempt = 0;
            do
            {
                if (attempt++ > 0 && contiguous)
                {
                    third = _rng.Next(256); // another pool already holds this /24: move on
                }

                if (p.Contains(':', StringComparison.Ordinal))
                {
                    text = $"{p}:{_rng.Next(0x10000):x}:{_rng.Next(0x10000):x}::{_rng.Next(0xffff) + 1:x}";
                }
                else if (allowV6 && _rng.Chance(.08))
                {
                    text = $"2a02:{_rng.Next(0x10000):x}:{_rng.Next(0x10000):x}:{_rng.Next(0x10000):x}::{_rng.Next(0xffff) + 1:x}";
                }
                else if (contiguous)
                {
                    text = $"{prefixes[0]}.{third}.{(i % 250) + 2}";
                    if (i % 250 == 249)
                    {
                        third++;
                    }
                }
                else
                {
                    text = $"{p}.{_rng.Next(256)}.{_rng.Between(1, 254)}";
                }
            }
            while (!_ipTexts.Add(text));

            var label = _rng.Chance(feedNoise) ? _rng.Pick(noisyTypes) : ipType;
            _ips.Add(new IpEntry(text, Encoding.UTF8.GetBytes(text), asn.Asn, asn.Org, label));
            result[i] = _ips.Count - 1;
        }

        return result;
    }

    private void Indicator(string op, string name, string kind, string value, double confidence, string source) =>
        _indicators.Add(new IndicatorRow(op, name, kind, value, confidence, source));

    private SyntheticWorld Finish()
    {
        // Account ids are a random permutation, so neither id nor file order reveals the scenario.
        var order = new int[_accounts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var width = Math.Max(6, order.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var sorted = new PlannedAccount[_accounts.Count];
        for (var i = 0; i < _accounts.Count; i++)
        {
            var a = _accounts[i];
            var number = order[i];
            a.Id = "acct-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
            a.IdUtf8 = Encoding.UTF8.GetBytes(a.Id);
            a.Seed = SyntheticRandom.Derive(_options.Seed, (ulong)number + 1000);
            sorted[number] = a;
        }

        long next = 0;
        foreach (var a in sorted)
        {
            a.FirstRequestIndex = next;
            next += a.Behaviour.RequestCount;
        }

        foreach (var (op, name, account, confidence) in _deferredAccountIndicators)
        {
            Indicator(op, name, "account_id", account.Id, confidence, "internal-ban");
        }

        string[] models = ["nova-2", "nova-2-mini", "nova-3", "nova-3-mini", "nova-3.5"];
        return new SyntheticWorld
        {
            Seed = _options.Seed,
            PeriodStart = _start,
            PeriodEnd = _end,
            Models = models,
            ModelsUtf8 = [.. models.Select(Encoding.UTF8.GetBytes)],
            ModelReleases = _releases,
            CapabilitiesUtf8 = [.. Capabilities.Select(Encoding.UTF8.GetBytes)],
            ClientsUtf8 = [.. _clients.Select(Encoding.UTF8.GetBytes)],
            TemplatesUtf8 = [.. _templates.Select(Encoding.UTF8.GetBytes)],
            Ips = _ips,
            Accounts = sorted,
            Payments = _payments,
            Indicators = _indicators,
            TotalRequests = next,
        };
    }
}
