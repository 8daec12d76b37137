using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// The snapshot detection reads in live mode: the store's, cut to a sliding window of requests ending at the latest
/// request (sessions last seen before the window drop too), so that old traffic ages out. Keeps the last snapshot it
/// handed out for the alert rules (which models a cluster used and when). Accounts, payments, releases and indicators
/// are kept whole. Null window: the whole store.
/// </summary>
public sealed class WindowedSnapshotSource(ISnapshotSource inner, TimeSpan? window) : ISnapshotSource
{
    /// <summary>The snapshot of the latest detection, or null before the first.</summary>
    public DetectionSnapshot? Last { get; private set; }

    public async Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct)
    {
        var whole = await inner.LoadSnapshotAsync(progress, ct).ConfigureAwait(false);
        Last = window is { } w ? Cut(whole, w) : whole;
        return Last;
    }

    public Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct) =>
        inner.ResolveRequestIdsAsync(rowIds, ct);

    /// <summary>The latest request timestamp of a snapshot (Unix ms), or null when it holds no request.</summary>
    public static long? LatestRequestMs(DetectionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.RequestCount == 0 ? null : snapshot.RequestTsMs.Max();
    }

    /// <summary>Keeps the requests with a timestamp in (latest - window, latest] and the sessions last seen in it.</summary>
    public static DetectionSnapshot Cut(DetectionSnapshot s, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (LatestRequestMs(s) is not { } latest)
        {
            return s;
        }

        var start = latest - (long)window.TotalMilliseconds;
        var keep = new List<int>(s.RequestCount);
        var offsets = new int[s.AccountCount + 1];
        for (var a = 0; a < s.AccountCount; a++)
        {
            offsets[a] = keep.Count;
            for (var r = s.RequestOffsets[a]; r < s.RequestOffsets[a + 1]; r++)
            {
                if (s.RequestTsMs[r] > start)
                {
                    keep.Add(r);
                }
            }
        }

        offsets[s.AccountCount] = keep.Count;
        var sessions = Enumerable.Range(0, s.SessionAccount.Length).Where(i => s.SessionLastSeenMs[i] > start).ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{s.InputHash}|window {start}..{latest}")));
        return new DetectionSnapshot
        {
            InputHash = hash,
            AccountIds = s.AccountIds,
            Instruments = s.Instruments,
            Ips = s.Ips,
            Models = s.Models,
            Capabilities = s.Capabilities,
            PromptFingerprints = s.PromptFingerprints,
            Clients = s.Clients,
            EmailDomains = s.EmailDomains,
            EmailHashes = s.EmailHashes,
            OrgNames = s.OrgNames,
            AccountCreatedAtMs = s.AccountCreatedAtMs,
            AccountPathway = s.AccountPathway,
            AccountEmailDomain = s.AccountEmailDomain,
            AccountEmailHash = s.AccountEmailHash,
            AccountOrgName = s.AccountOrgName,
            AccountCountry = s.AccountCountry,
            AccountStatus = s.AccountStatus,
            PaymentAccount = s.PaymentAccount,
            PaymentInstrument = s.PaymentInstrument,
            PaymentKind = s.PaymentKind,
            PaymentBin = s.PaymentBin,
            PaymentFirstSeenMs = s.PaymentFirstSeenMs,
            IpAsn = s.IpAsn,
            IpAsnOrg = s.IpAsnOrg,
            IpKind = s.IpKind,
            SessionAccount = Pick(s.SessionAccount, sessions),
            SessionIp = Pick(s.SessionIp, sessions),
            SessionCount = Pick(s.SessionCount, sessions),
            SessionFirstSeenMs = Pick(s.SessionFirstSeenMs, sessions),
            SessionLastSeenMs = Pick(s.SessionLastSeenMs, sessions),
            RequestOffsets = offsets,
            RequestRowId = Pick(s.RequestRowId, keep),
            RequestTsMs = Pick(s.RequestTsMs, keep),
            RequestModel = Pick(s.RequestModel, keep),
            RequestCapability = Pick(s.RequestCapability, keep),
            RequestPromptFingerprint = Pick(s.RequestPromptFingerprint, keep),
            RequestIp = Pick(s.RequestIp, keep),
            RequestClient = Pick(s.RequestClient, keep),
            RequestInputTokens = Pick(s.RequestInputTokens, keep),
            RequestOutputTokens = Pick(s.RequestOutputTokens, keep),
            Releases = s.Releases,
            Indicators = s.Indicators,
        };
    }

    private static T[] Pick<T>(T[] column, IReadOnlyList<int> rows)
    {
        var result = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = column[rows[i]];
        }

        return result;
    }
}
