namespace Distill.Attribution.Application.Live;

/// <summary>Where an alert stands. Open and acknowledged alerts are "open" for deduplication; a resolved one is closed.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}
