using System.Threading.RateLimiting;
using Distill.Attribution.Api.Hosting;
using Microsoft.AspNetCore.Http;

namespace Distill.Attribution.Api.Access;

/// <summary>
/// A token bucket per client address for requests without a valid key (issue 17: 4,900 unauthenticated requests per
/// second, each audited). Within the limit each such request gets 401 and one small audit entry; beyond it 429 and
/// no entry, so a client without a key cannot fill the disk.
/// </summary>
internal sealed class FailedAuthenticationLimiter(ApiHostOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.FailedAuthenticationBurst),
            TokensPerPeriod = Math.Max(1, options.FailedAuthenticationsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryAcquire(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var lease = _limiter.AttemptAcquire(ClientAddress(httpContext));
        return lease.IsAcquired;
    }

    /// <summary>The remote address (IPv4-mapped IPv6 folded to IPv4), "unknown" without one (in-process test servers).</summary>
    internal static string ClientAddress(HttpContext httpContext)
    {
        var address = httpContext.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    public void Dispose() => _limiter.Dispose();
}
