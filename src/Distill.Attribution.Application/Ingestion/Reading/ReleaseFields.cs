namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of releases, in contract order (the order of <see cref="Names"/>).</summary>
internal static class ReleaseFields
{
    public const int Model = 0;
    public const int ReleasedAt = 1;

    public static readonly string[] Names = ["model", "released_at"];

    public static readonly bool[] Required = [true, true];
}
