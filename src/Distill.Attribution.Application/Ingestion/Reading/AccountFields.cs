namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of accounts, in contract order (the order of <see cref="Names"/>).</summary>
internal static class AccountFields
{
    public const int AccountId = 0;
    public const int CreatedAt = 1;
    public const int EmailDomain = 2;
    public const int EmailHash = 3;
    public const int DisplayName = 4;
    public const int OrgName = 5;
    public const int AccessPathway = 6;
    public const int Country = 7;
    public const int Status = 8;

    public static readonly string[] Names = ["account_id", "created_at", "email_domain", "email_hash", "display_name", "org_name", "access_pathway", "country", "status"];

    public static readonly bool[] Required = [true, true, false, false, false, false, true, false, false];
}
