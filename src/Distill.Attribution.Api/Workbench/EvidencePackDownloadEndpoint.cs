using System.Text.Json;
using System.Threading.RateLimiting;
using Distill.Attribution.Api.Access;
using Distill.Attribution.Api.Audit;
using Distill.Attribution.Application.Access.AuthenticateApiKey;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Cases.DownloadEvidencePack;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Workbench;

/// <summary>
/// <c>GET /evidence-packs/{clusterId}</c>: downloads the pack <c>requestEvidencePack</c> wrote for a cluster of the
/// latest run. Authenticated like GraphQL (<c>Authorization: Bearer KEY</c>, never a key in the URL), the legal
/// right, at most <see cref="PermitsPerMinute"/> downloads a minute per key, and every attempt in the audit trail
/// (operation <c>DownloadEvidencePack</c>, the cluster id as its variable, the outcome).
/// </summary>
internal static class EvidencePackDownloadEndpoint
{
    public const int PermitsPerMinute = 10;
    private const string Operation = "DownloadEvidencePack";

    // One fixed window per key id: a pack is megabytes read from disk, and a leaked legal key must not drain them all.
    private static readonly PartitionedRateLimiter<string> Limiter = PartitionedRateLimiter.Create<string, string>(keyId =>
        RateLimitPartition.GetFixedWindowLimiter(keyId, _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public static IEndpointRouteBuilder MapEvidencePackDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evidence-packs/{clusterId}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(string clusterId, HttpContext http)
    {
        var ct = http.RequestAborted;
        var services = http.RequestServices;
        var sender = services.GetRequiredService<ISender>();
        var documentHash = AuditRecorder.HashDocument("GET /evidence-packs/{clusterId}");
        var variables = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["clusterId"] = clusterId });
        var presented = BearerToken(http.Request.Headers.Authorization.ToString());
        var key = presented is null ? null : await sender.Send(new AuthenticateApiKeyQuery(presented), ct);
        if (key is null)
        {
            await AuditRecorder.AppendAsync(sender, null, null, Operation, documentHash, variables,
                presented is null ? "unauthenticated: no key" : "unauthenticated: invalid key", CancellationToken.None);
            return Results.Json(new { error = "A valid API key is required (Authorization: Bearer KEY)." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        services.GetRequiredService<RequestCaller>().Authenticate(key.KeyId, key.Role, key.Holder);
        var role = Roles.Name(key.Role);
        using var lease = Limiter.AttemptAcquire(key.KeyId);
        if (!lease.IsAcquired)
        {
            await AuditRecorder.AppendAsync(sender, key.KeyId, role, Operation, documentHash, variables, "error: RATE_LIMITED", CancellationToken.None);
            http.Response.Headers.RetryAfter = "60";
            return Results.Json(new { error = $"At most {PermitsPerMinute} pack downloads a minute per key." }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        try
        {
            var pack = await sender.Send(new DownloadEvidencePackQuery(clusterId), ct);
            await AuditRecorder.AppendAsync(sender, key.KeyId, role, Operation, documentHash, variables, "ok", CancellationToken.None);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(pack.Path, "application/zip", pack.FileName);
        }
        catch (ForbiddenException)
        {
            await AuditRecorder.AppendAsync(sender, key.KeyId, role, Operation, documentHash, variables, "error: FORBIDDEN", CancellationToken.None);
            return Results.Json(new { error = "Your role may not download evidence packs (legal or admin)." }, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException e)
        {
            await AuditRecorder.AppendAsync(sender, key.KeyId, role, Operation, documentHash, variables, "error: NOT_FOUND", CancellationToken.None);
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ValidationException e)
        {
            await AuditRecorder.AppendAsync(sender, key.KeyId, role, Operation, documentHash, variables, "error: BAD_USER_INPUT", CancellationToken.None);
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static string? BearerToken(string header)
    {
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
