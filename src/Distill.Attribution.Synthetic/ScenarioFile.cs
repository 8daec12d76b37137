using System.Text.Json;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// <c>DIR/scenario.json</c>: the seed, scale and knobs, and per population the structure it was made
/// with, so that an evaluation can report per variant. Written in plan order; deterministic.
/// </summary>
internal static class ScenarioFile
{
    public static void Write(string path, SyntheticWorld world, SyntheticOptions options)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("scale", options.Scale);
        json.WriteString("variant", options.Variants.IsDefault ? "default" : options.Variants.ToString());
        json.WriteNumber("camouflage_share", options.CamouflageShare);
        json.WriteNumber("sync_jitter_ms", options.SyncJitterMs);
        if (options.ProxyPoolSize is { } pool)
        {
            json.WriteNumber("proxy_pool_size", pool);
        }

        if (options.Population is { } population)
        {
            json.WriteNumber("population", population);
        }

        json.WriteNumber("accounts", world.Accounts.Length);
        json.WriteNumber("requests", world.TotalRequests);
        json.WriteStartArray("populations");
        foreach (var v in world.Variants)
        {
            json.WriteStartObject();
            json.WriteString("kind", ScenarioNames.Name(v.Kind));
            if (v.OperatorId is not null)
            {
                json.WriteString("operator_id", v.OperatorId);
            }

            json.WriteNumber("accounts", v.Accounts);
            if (v.Campaign is { } c)
            {
                json.WriteString("variant", c.Name);
                json.WriteString("scheduler", Snake(c.Scheduler.ToString()));
                json.WriteString("exit_rotation", Snake(c.Rotation.ToString()));
                json.WriteNumber("exit_pool", c.PoolSize);
                json.WriteBoolean("exits_shared_with_innocents", c.ExitsSharedWithInnocents);
                json.WriteString("payments", Snake(c.Payments.ToString()));
                json.WriteString("templates", Snake(c.Templates.ToString()));
                json.WriteNumber("camouflage", c.Camouflage);
                json.WriteNumber("volume", c.Volume);
            }
            else
            {
                json.WriteString("variant", v.Description?.Split(':')[0] ?? "reference");
                if (v.Description?.Contains(':', StringComparison.Ordinal) == true)
                {
                    json.WriteString("description", v.Description);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Snake(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
