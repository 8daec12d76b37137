using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// IP pools that several populations share, so that sharing an IP alone proves nothing: hosting
/// (cron jobs, power users and the pivot operator's ASNs), commercial VPN exits (VPN users and the
/// unknown operator), residential proxy exits (the reseller and innocent homes behind them), ordinary
/// homes and campus NATs. The lazy ones are drawn from the plan's random stream on first use.
/// </summary>
internal sealed class SharedPools
{
    private readonly WorldBuilder _w;
    private readonly Dictionary<int, int[]> _campus = [];
    private int[]? _homes;

    public SharedPools(WorldBuilder w)
    {
        _w = w;
        Hosting = w.Pool(w.Scaled(900, 40), ["159.89", "164.92", "142.93", "5.161", "95.216"],
            [(14061, "DigitalOcean, LLC"), (24940, "Hetzner Online GmbH"), (16276, "OVH SAS")], "datacenter", 0.1, false);
        Vpn = w.Pool(Math.Max(40, w.Scaled(220, 0)), ["89.187", "185.153", "146.70"],
            [(9009, "M247 Europe SRL"), (60068, "Datacamp Limited")], "vpn", 0.3, false);
        ResidentialExits = w.Pool(w.Scaled(6000, 48), ["73.12", "98.207", "24.130", "79.241", "86.134", "2.205", "188.97"],
            [(7922, "Comcast Cable Communications, LLC"), (20115, "Charter Communications"), (3320, "Deutsche Telekom AG"), (2856, "British Telecommunications PLC"), (3215, "Orange S.A.")],
            "residential", 0.15, true);
    }

    public int[] Hosting { get; }

    public int[] Vpn { get; }

    public int[] ResidentialExits { get; }

    /// <summary>Ordinary home connections (not proxy exits): cable/DSL of many ISPs, some IPv6.</summary>
    public int[] Homes() => _homes ??= _w.Pool(_w.Scaled(30000, 600), ["67.160", "71.198", "108.28", "84.154", "91.64", "176.0", "81.2", "90.152", "177.34", "49.205"],
        [(7922, "Comcast Cable Communications, LLC"), (701, "Verizon Business"), (3320, "Deutsche Telekom AG"), (3215, "Orange S.A."), (5089, "Virgin Media Limited"), (28573, "Claro NXT"), (17676, "SoftBank Corp.")],
        "residential", .05, true);

    /// <summary>A university's three campus NAT IPs (labs, students and hackathon venues share them).</summary>
    public int[] Campus(int university)
    {
        if (!_campus.TryGetValue(university, out var ips))
        {
            ips = _w.Pool(3, [$"128.{10 + university}"], [(1000 + university, UniversityNames[university])], "unknown", .3, false, contiguous: true);
            _campus[university] = ips;
        }

        return ips;
    }
}
