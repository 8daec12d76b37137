using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Hash of a membership: every cluster's sorted member ids, clusters in order of their first member. It
/// ignores cluster ids, scores and evidence, so it answers one question: did the same accounts group the same way?
/// </summary>
public static class MembershipHash
{
    public static string Compute(IEnumerable<DetectedCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var lists = new List<string[]>();
        foreach (var cluster in clusters)
        {
            var members = cluster.Members.ToArray();
            Array.Sort(members, StringComparer.Ordinal);
            lists.Add(members);
        }

        lists.Sort((x, y) => string.CompareOrdinal(x[0], y[0]));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var members in lists)
        {
            foreach (var m in members)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(m));
                hash.AppendData("\u001f"u8);
            }

            hash.AppendData("\u001e"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
