using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>
/// The sliding window of live mode: the requests with a timestamp in (latest - window, latest], where latest is the
/// store's latest request, and the sessions last seen in it. Accounts, payments, releases, indicators and every string
/// table stay whole. A store that reads deltas cuts its merged snapshot the same way (<see cref="Start"/>, <see cref="Hash"/>).
/// </summary>
public static class SnapshotWindow
{
    /// <summary>The latest request timestamp of a snapshot (Unix ms), or null when it holds no request.</summary>
    public static long? LatestRequestMs(DetectionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.RequestCount == 0)
        {
            return null;
        }

        var latest = long.MinValue;
        foreach (var ts in snapshot.RequestTsMs)
        {
            latest = Math.Max(latest, ts);
        }

        return latest;
    }

    /// <summary>The exclusive start of the window ending at <paramref name="latestMs"/>: rows at or before it drop.</summary>
    public static long Start(long latestMs, TimeSpan window) => latestMs - (long)window.TotalMilliseconds;

    /// <summary>The input hash a run over the window records: the store's, and the window's bounds.</summary>
    public static string Hash(string storeInputHash, long startMs, long latestMs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{storeInputHash}|window {startMs}..{latestMs}")));

    /// <summary>Keeps the requests with a timestamp in (latest - window, latest] and the sessions last seen in it.</summary>
    public static DetectionSnapshot Cut(DetectionSnapshot s, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (LatestRequestMs(s) is not { } latest)
        {
            return s;
        }

        var start = Start(latest, window);
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
        return new DetectionSnapshot
        {
            InputHash = Hash(s.InputHash, start, latest),
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
            DisplayNames = s.DisplayNames,
            AccountCreatedAtMs = s.AccountCreatedAtMs,
            AccountPathway = s.AccountPathway,
            AccountEmailDomain = s.AccountEmailDomain,
            AccountEmailHash = s.AccountEmailHash,
            AccountOrgName = s.AccountOrgName,
            AccountDisplayName = s.AccountDisplayName,
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
