using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Distill.Attribution.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter in front of every endpoint: a token bucket per client (the presented API key, hashed,
/// or the address when there is none) chained with one per address, so unauthenticated requests are limited too
/// and a client cannot escape its limit by inventing keys. Refused requests get 429, a JSON error and Retry-After,
/// before any work (no body read, no audit entry: the limiter protects the trail too).
/// </summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, ApiHostOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                    ClientKey(http), _ => Bucket(options.RequestsPerSecondPerClient, options.RequestBurstPerClient))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                    "address:" + FailedAuthenticationLimiter.ClientAddress(http), _ => Bucket(options.RequestsPerSecondPerAddress, options.RequestsPerSecondPerAddress * 2))));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "1";
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(
                    $$$"""{"errors":[{"message":"Too many requests; retry later.","extensions":{"code":"{{{ApiErrorCodes.RateLimited}}}"}}]}""", ct);
            };
        });

    /// <summary>"key:" and the first 16 hex digits of the SHA-256 of the bearer token, else "address:" and the address.</summary>
    internal static string ClientKey(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.Length > 7 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())))[..16]
            : "address:" + FailedAuthenticationLimiter.ClientAddress(http);
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        // Refilled every 100 ms rather than once a second, so a steady client never sees a once-a-second cliff.
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
