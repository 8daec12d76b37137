namespace Distill.Attribution.Application.Detection.EvaluateRun;

/// <summary>One row of a ground-truth file: <c>account_id,label,operator_id,kind</c> (label fraud|legit).</summary>
public sealed record TruthRow(string AccountId, bool IsFraud, string? OperatorId, string Kind);
