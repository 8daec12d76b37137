using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// members.csv: one row per member with its account facts, evidence depth and parent, and indicators it matches.
/// Every text cell goes through <see cref="PackText.CsvCell"/>: the values come from outside (an org name is
/// whatever the account typed) and must not become formulas in the reader's spreadsheet.
/// </summary>
internal static class MembersCsv
{
    public static byte[] Write(EvidencePackContent content)
    {
        var accounts = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
        foreach (var a in content.Sources.Accounts)
        {
            accounts[a.AccountId] = a;
        }

        var steps = new Dictionary<string, Domain.Detection.EvidenceStep>(StringComparer.Ordinal);
        foreach (var s in content.Cluster.Evidence?.Steps ?? [])
        {
            steps[s.Member] = s;
        }

        var text = new StringBuilder(content.Cluster.Members.Count * 96);
        text.Append("account_id,created_at,access_pathway,org_name,country,status,evidence_depth,evidence_parent,matched_indicators\n");
        foreach (var member in content.Cluster.Members)
        {
            accounts.TryGetValue(member, out var a);
            steps.TryGetValue(member, out var step);
            text.Append(PackText.CsvCell(member)).Append(',')
                .Append(a is null ? "" : PackText.Time(a.CreatedAt)).Append(',')
                .Append(a is null ? "" : PackText.CsvCell(ContractNames.Name(a.AccessPathway))).Append(',')
                .Append(PackText.CsvCell(a?.OrgName)).Append(',')
                .Append(PackText.CsvCell(a?.Country)).Append(',')
                .Append(a?.Status is { } status ? ContractNames.Name(status) : "").Append(',')
                .Append(step is null ? "" : PackText.Int(step.Depth)).Append(',')
                .Append(PackText.CsvCell(step?.Parent)).Append(',')
                .Append(PackText.CsvCell(step is null ? null : string.Join(';', step.MatchedIndicators))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
