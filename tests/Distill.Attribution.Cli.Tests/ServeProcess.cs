using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Distill.Attribution.Cli.Tests;

/// <summary>What tests that start a local server (<c>distill serve</c>, a stand-in) need: a free port, and waiting
/// for <c>/healthz</c>.</summary>
internal static class ServeProcess
{
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Polls <c>/healthz</c> every 100 ms until it answers 2xx; fails when <paramref name="serve"/> exits
    /// first or after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient http, Process serve, int seconds)
    {
        for (var attempt = 0; attempt < seconds * 10; attempt++)
        {
            Assert.That(serve.HasExited, Is.False, "serve exited before it was healthy");
            try
            {
                using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"serve did not become healthy within {seconds} s");
    }
}
