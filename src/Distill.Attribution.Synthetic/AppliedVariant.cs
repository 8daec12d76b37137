namespace Distill.Attribution.Synthetic;

/// <summary>What one population of the world was made as: written to <c>DIR/scenario.json</c> so evaluations can report per variant.</summary>
public sealed record AppliedVariant(ScenarioKind Kind, string? OperatorId, int Accounts, CampaignVariant? Campaign, string? Description);
