namespace Distill.Attribution.Domain.Access;

/// <summary>A right a request needs; <see cref="Roles.Allows"/> decides whether a role holds it.</summary>
public enum AccessRight
{
    Read,
    Ingest,
    RecordVerdict,
    OverrideOperator,
    RunDetection,
    RequestEvidencePack,
    ManageKeys,
    ReadAudit,
}
