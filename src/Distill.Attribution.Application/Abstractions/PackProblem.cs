namespace Distill.Attribution.Application.Abstractions;

/// <summary>One thing wrong with a pack: which entry and how (see <see cref="PackProblemKind"/>).</summary>
public sealed record PackProblem(PackProblemKind Kind, string Entry, string Detail);
