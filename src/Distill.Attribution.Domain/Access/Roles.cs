namespace Distill.Attribution.Domain.Access;

/// <summary>Role names on the wire and the right table.</summary>
public static class Roles
{
    /// <summary>The lowest role that holds a right.</summary>
    public static Role MinimumFor(AccessRight right) => right switch
    {
        AccessRight.Read => Role.Investigator,
        AccessRight.Ingest or AccessRight.RecordVerdict or AccessRight.OverrideOperator or AccessRight.RunDetection => Role.Analyst,
        AccessRight.RequestEvidencePack => Role.Legal,
        AccessRight.ManageKeys or AccessRight.ReadAudit => Role.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(right), right, "Unknown right."),
    };

    public static bool Allows(this Role role, AccessRight right) => role >= MinimumFor(right);

    public static string Name(Role role) => role switch
    {
        Role.Investigator => "investigator",
        Role.Analyst => "analyst",
        Role.Legal => "legal",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? text, out Role role)
    {
        role = text switch
        {
            "investigator" => Role.Investigator,
            "analyst" => Role.Analyst,
            "legal" => Role.Legal,
            "admin" => Role.Admin,
            _ => 0,
        };
        return role != 0;
    }
}
