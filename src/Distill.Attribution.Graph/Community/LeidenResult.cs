namespace Distill.Attribution.Graph.Community;

/// <summary>The outcome of a <see cref="Leiden"/> run.</summary>
/// <param name="Membership">Community id of every node, 0..CommunityCount-1, numbered in order of each community's smallest node.</param>
/// <param name="CommunityCount">Number of communities.</param>
/// <param name="Quality">Value of the chosen quality function (with the chosen resolution) for <paramref name="Membership"/>.</param>
/// <param name="Iterations">Full Leiden iterations that ran.</param>
public sealed record LeidenResult(int[] Membership, int CommunityCount, double Quality, int Iterations);
