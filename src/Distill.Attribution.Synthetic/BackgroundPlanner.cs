using static Distill.Attribution.Synthetic.PlanConstants;
using static Distill.Attribution.Synthetic.Vocabulary;

namespace Distill.Attribution.Synthetic;

/// <summary>The ordinary population (<c>legit_background</c>): everyday users on home, cloud or VPN connections.</summary>
internal sealed class BackgroundPlanner(WorldBuilder w)
{
    public void PlanBackground()
    {
        var count = w.Options.Population ?? w.Scaled(14000, 60);
        string[] clients = ["provider-sdk-python/2.3.1", "provider-sdk-node/2.1.0", "web-console/2026.1", "okhttp/4.12.0", "curl/8.5.0", "go-http-client/2.0"];
        for (var i = 0; i < count; i++)
        {
            var roll = w.Rng.NextDouble();
            int[] ips = roll < .8 ? [w.Rng.Pick(w.Pools.Homes()), w.Rng.Pick(w.Pools.Homes())] : roll < .9 ? [w.Rng.Pick(w.Pools.Hosting)] : [w.Rng.Pick(w.Pools.Vpn), w.Rng.Pick(w.Pools.Homes())];
            var b = w.Ordinary(ips, w.Rng.LogNormal(110, .9, 1, 3000));
            b.Client = w.Client(w.Rng.Pick(clients));
            b.AltClient = w.Client(w.Rng.Pick(clients));
            var pathwayRoll = w.Rng.NextDouble();
            var pathway = pathwayRoll < .8 ? "self_serve" : pathwayRoll < .88 ? "education" : pathwayRoll < .94 ? "startup_program" : pathwayRoll < .98 ? "enterprise" : "other";
            var a = w.Account(ScenarioKind.LegitBackground, null, pathway, b, w.AgedCreation(-50, 1100));
            w.Person(a);
            if (w.Rng.Chance(.85))
            {
                var kindRoll = w.Rng.NextDouble();
                var kind = kindRoll < .85 ? "card" : kindRoll < .95 ? "wallet" : kindRoll < .98 ? "bank" : "crypto";
                w.Payments.Add((a, w.NewCard(kind, kind == "card" ? (w.Rng.Chance(.03) ? "53547300" : w.Rng.Pick(CommonBins)) : null, a.Country) with { FirstSeen = a.CreatedAt + Hour }));
            }
        }
    }
}
