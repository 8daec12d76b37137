using System.Security.Cryptography;
using System.Text;
using static Distill.Attribution.Synthetic.PlanConstants;
using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// The state every planner adds to (accounts, payments, indicators, templates, clients, IPs) and the
/// helpers that draw from the one random stream. Single-threaded: the order of calls is the plan, so
/// the same seed and options always give the same world.
/// </summary>
internal sealed class WorldBuilder
{
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
    private readonly Dictionary<string, int> _clientIds = new(StringComparer.Ordinal);
    private SyntheticRandom _rng;

    public WorldBuilder(SyntheticOptions options)
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

    /// <summary>The one random stream of the plan (a mutable struct: returned by reference).</summary>
    public ref SyntheticRandom Rng => ref _rng;

    public SyntheticOptions Options => _options;

    public double Scale => _scale;

    public long Start => _start;

    public long End => _end;

    public List<PlannedAccount> Accounts => _accounts;

    public List<IndicatorRow> Indicators => _indicators;

    public List<(PlannedAccount, PaymentRow)> Payments => _payments;

    public List<IpEntry> Ips => _ips;

    public List<string> Templates => _templates;

    public List<(string Op, string Name, PlannedAccount Account, double Confidence)> DeferredAccountIndicators { get; } = [];

    /// <summary>The open-source agent harness's client string, shared by the pivot operator and innocents.</summary>
    public int HarnessClient { get; set; }

    /// <summary>The harness's default system prompt template.</summary>
    public int HarnessTemplate { get; set; }

    /// <summary>IP pools several populations share; set once by the planner before any scenario.</summary>
    public SharedPools Pools { get; set; } = null!;

    public int Scaled(double count, int min) => Math.Max(min, (int)Math.Round(count * _scale));

    public AccountBehaviour Ordinary(int[] ips, int requests)
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

    public Adoption RandomAdoption()
    {
        var roll = _rng.NextDouble();
        return roll < .2 ? Adoption.Eager : roll < .75 ? Adoption.Normal : roll < .9 ? Adoption.Slow : Adoption.Pinned;
    }

    public void SetAdoption(AccountBehaviour b, Adoption adoption)
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

    public AccountBehaviour Behaviour(WeightedChoice work, WeightedChoice ordinary, int[] workIps, int[] ordinaryIps)
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

    public static void LongOutputs(AccountBehaviour b)
    {
        b.WorkInputMin = 300;
        b.WorkInputMax = 1800;
        b.WorkOutputMin = 1500;
        b.WorkOutputMax = 7000;
    }

    public WeightedChoice Caps(params (int Item, double Weight)[] entries)
    {
        // Every population's mix is jittered, so no two accounts share an exact profile by construction.
        var jittered = entries.Select(e => (e.Item, e.Weight * (0.7 + (0.6 * _rng.NextDouble())))).ToArray();
        return new WeightedChoice(jittered);
    }

    public WeightedChoice OrdinaryCaps() => Caps((Chat, .55), (AgenticCoding, .15), (Other, .1), (Vision, .08), (ToolUse, .07), (ReasoningCot, .05));

    public WeightedChoice RandomCaps()
    {
        var n = _rng.Between(2, 4);
        var list = new List<(int, double)>();
        for (var i = 0; i < n; i++)
        {
            list.Add((_rng.Next(Capabilities.Length), .2 + _rng.NextDouble()));
        }

        return new WeightedChoice(list);
    }

    public long AgedCreation(int minDaysBefore, int maxDaysBefore)
    {
        var days = minDaysBefore + _rng.NextDouble() * (maxDaysBefore - minDaysBefore);
        var created = _start - (long)(days * Day);
        return Math.Min(created, _end - (2 * Day));
    }

    public PlannedAccount Account(ScenarioKind kind, string? op, string pathway, AccountBehaviour b, long created)
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

    public void Person(PlannedAccount a)
    {
        Email(a, _rng.Pick(CommonMail));
        a.Country = _rng.Pick(Countries);
    }

    public void Email(PlannedAccount a, string domain)
    {
        a.EmailDomain = domain;
        if (_rng.Chance(.9))
        {
            var local = $"{_rng.Pick(FirstNames)}.{_rng.Pick(LastNames)}{_rng.Next(10000)}".ToLowerInvariant();
            a.EmailHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{local}@{domain}")));
        }
    }

    public PaymentRow NewCard(string kind, string? bin, string? country)
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

    public string Hex(int bytes)
    {
        Span<byte> raw = stackalloc byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            raw[i] = (byte)_rng.Next(256);
        }

        return Convert.ToHexStringLower(raw);
    }

    public int NewTemplate()
    {
        _templates.Add(Hex(16));
        return _templates.Count - 1;
    }

    public int[] NewTemplates(int count)
    {
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = NewTemplate();
        }

        return result;
    }

    public int Client(string text)
    {
        if (!_clientIds.TryGetValue(text, out var id))
        {
            id = _clients.Count;
            _clients.Add(text);
            _clientIds[text] = id;
        }

        return id;
    }

    /// <summary>Draws of an address inside one /16 before <see cref="Pool"/> moves to another /16 of the same /8.</summary>
    internal const int MaxDrawsPerPrefix = 512;

    public int[] Pool(int count, string[] prefixes, (long Asn, string Org)[] asns, string ipType, double feedNoise, bool allowV6, bool contiguous = false)
    {
        string[] noisyTypes = ["residential", "mobile", "datacenter", "proxy", "vpn", "unknown"];
        var result = new int[count];
        var third = _rng.Next(200);
        var poolAsn = asns[_rng.Next(asns.Length)];
        var contiguousPrefix = prefixes[0];
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

                // A /16 holds 65,024 addresses: at large scales one fills up, and drawing from it again would never end.
                // After that many misses the address moves to another /16 of the same /8.
                if (attempt > MaxDrawsPerPrefix && !p.Contains(':', StringComparison.Ordinal))
                {
                    p = $"{p[..p.IndexOf('.', StringComparison.Ordinal)]}.{_rng.Next(256)}";
                    contiguousPrefix = p;
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
                    text = $"{contiguousPrefix}.{third}.{(i % 250) + 2}";
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

    public void Indicator(string op, string name, string kind, string value, double confidence, string source) =>
        _indicators.Add(new IndicatorRow(op, name, kind, value, confidence, source));

    public SyntheticWorld Finish()
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

        foreach (var (op, name, account, confidence) in DeferredAccountIndicators)
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
