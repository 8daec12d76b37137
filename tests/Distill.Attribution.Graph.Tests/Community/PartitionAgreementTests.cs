namespace Distill.Attribution.Graph.Tests.Community;

public sealed class PartitionAgreementTests
{
    [Test]
    public void ShouldScoreIdenticalPartitionsAsOneWhateverTheLabels()
    {
        int[] a = [0, 0, 1, 1, 2, 2];
        int[] b = [5, 5, 3, 3, 9, 9];
        Assert.That(PartitionAgreement.AdjustedRandIndex(a, b), Is.EqualTo(1).Within(1e-12));
        Assert.That(PartitionAgreement.NormalizedMutualInformation(a, b), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void ShouldMatchKnownValues()
    {
        // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714..., normalized_mutual_info_score = 0.8
        int[] a = [0, 0, 1, 1];
        int[] b = [0, 0, 1, 2];
        Assert.That(PartitionAgreement.AdjustedRandIndex(a, b), Is.EqualTo(4.0 / 7).Within(1e-9));
        Assert.That(PartitionAgreement.NormalizedMutualInformation(a, b), Is.EqualTo(0.8).Within(1e-9));
    }
}
