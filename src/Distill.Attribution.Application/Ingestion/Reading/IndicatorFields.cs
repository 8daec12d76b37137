namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of indicators, in contract order (the order of <see cref="Names"/>).</summary>
internal static class IndicatorFields
{
    public const int OperatorId = 0;
    public const int OperatorName = 1;
    public const int Kind = 2;
    public const int Value = 3;
    public const int Confidence = 4;
    public const int Source = 5;

    public static readonly string[] Names = ["operator_id", "operator_name", "kind", "value", "confidence", "source"];

    public static readonly bool[] Required = [true, false, true, true, false, false];
}
