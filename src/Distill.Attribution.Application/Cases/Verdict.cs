namespace Distill.Attribution.Application.Cases;

/// <summary>An investigator's conclusion about a cluster.</summary>
public enum Verdict
{
    Confirmed,
    Dismissed,
    NeedsReview,
}
