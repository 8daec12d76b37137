using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>An institution's e-mail domain (a university's, a company's) is the organisation's own for a cluster that
/// holds only part of its people: a course cohort on the department's invoice is open about its university, while a
/// crew on a webmail provider, or on a local webmail its few declarers happen to fill, is not.</summary>
public sealed class InstitutionDomainTests
{
    /// <summary>A university of 100 active accounts on uni.test (every third declares the university, half of the
    /// rest are on the education pathway) and 60 webmail users; a course cohort of 20 of the university's accounts (17 on
    /// uni.test, most of them declaring nothing, 3 on webmail) paid by one invoice, running the course's reasoning
    /// templates.</summary>
    private static (ClusterScorer Scorer, int[] Members, int[] Membership, DetectionSnapshot Snapshot) Course(DetectionParameters parameters)
    {
        var builder = new SnapshotBuilder();
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test", org: i < 3 ? $"shop {i}" : null);
            Ordinary(builder, $"user-{i}", random);
        }

        for (var i = 0; i < 100; i++)
        {
            var declares = i % 3 == 0;
            var pathway = declares || i % 2 == 0 ? AccessPathway.Education : AccessPathway.SelfServe;
            var cohort = i < 17;
            builder.Account($"student-{i}", pathway, emailDomain: "uni.test", org: declares ? "Uni University" : null);
            if (cohort)
            {
                Coursework(builder, $"student-{i}");
            }
            else
            {
                Ordinary(builder, $"student-{i}", random);
            }
        }

        for (var i = 0; i < 3; i++)
        {
            builder.Account($"webmail-student-{i}", emailDomain: "webmail.test");
            Coursework(builder, $"webmail-student-{i}");
        }

        var snapshot = builder.Build();
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var members = Enumerable.Range(0, 17).Select(i => Id($"student-{i}"))
            .Concat(Enumerable.Range(0, 3).Select(i => Id($"webmail-student-{i}"))).ToArray();
        var links = new LinkSet();
        for (var k = 1; k < members.Length; k++)
        {
            links.Add(members[0], members[k], LinkRule.SharedPayment, 1, k - 1);
        }

        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        return (scorer, members, MembershipOf(members, snapshot.AccountCount), snapshot);
    }

    private static void Ordinary(SnapshotBuilder builder, string account, Random random)
    {
        for (var r = 0; r < 30; r++)
        {
            builder.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{account}-{r % 7}");
        }
    }

    private static void Coursework(SnapshotBuilder builder, string account)
    {
        for (var r = 0; r < 30; r++)
        {
            builder.Request(account, SnapshotBuilder.T0.AddHours((r * 17) + (account.Length % 5)), capability: "reasoning_cot", prompt: $"assignment-{r % 4}");
        }
    }

    [Test]
    public void ShouldReadACourseCohortOnItsUniversitysDomainAsOpen()
    {
        var (scorer, members, membership, snapshot) = Course(new DetectionParameters());
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(scorer.IsInstitution(Array.IndexOf(snapshot.EmailDomains, "uni.test")), Is.True);
            Assert.That(scorer.IsInstitution(Array.IndexOf(snapshot.EmailDomains, "webmail.test")), Is.False,
                "three webmail users declaring three different shops do not make the provider an institution");
            Assert.That(f.Transparency, Is.EqualTo(17 / 20.0).Within(1e-9), "every member on the university's domain is open, declared or not");
            Assert.That(f.Concealment, Is.EqualTo(3 / 20.0).Within(1e-9), "only the webmail members' ties to the invoice are concealed");
            Assert.That(scorer.Score(f).Flagged, Is.False);
        });
    }

    [Test]
    public void ShouldFlagTheSameCohortWhenTheUniversitysDomainCountsOnlyForClustersThatFillIt()
    {
        var (scorer, members, membership, _) = Course(new DetectionParameters { TransparencyInstitutionDomains = false });
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.Transparency, Is.LessThan(0.5), "a hundred accounts on uni.test are more than twice the cohort");
            Assert.That(scorer.Score(f).Flagged, Is.True, "an invoice shared by undeclared accounts reads as a crew's card");
        });
    }

    [TestCase(6, true, TestName = "ShouldTakeAUniversityWhoseLabsNameThemselvesAsAnInstitution")]
    [TestCase(3, false, TestName = "ShouldNotTakeADomainWhoseDeclarersSpreadOverInventedNamesAsAnInstitution")]
    public void ShouldNeedOneNameForHalfTheDeclarers(int declaringTheName, bool institution)
    {
        // Ten education accounts on one domain: some declare the university, the others each a name of their own (a lab,
        // or an operator's invented institutes).
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 10; i++)
        {
            builder.Account($"e-{i}", AccessPathway.Education, emailDomain: "edu.test", org: i < declaringTheName ? "Edu University" : $"Institute {i}");
            builder.Request($"e-{i}", SnapshotBuilder.T0.AddHours(i));
        }

        Assert.That(IsInstitution(builder, "edu.test"), Is.EqualTo(institution));
    }

    [Test]
    public void ShouldNotTakeADomainWithoutVettedAccountsAsAnInstitution()
    {
        // Twelve self-serve accounts on a provider all declare one word: no account on it had its address checked.
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Account($"s-{i}", emailDomain: "provider.test", org: "Student");
            builder.Request($"s-{i}", SnapshotBuilder.T0.AddHours(i));
        }

        Assert.That(IsInstitution(builder, "provider.test"), Is.False);
    }

    [Test]
    public void ShouldNotTakeADomainWhereFewAccountsVouchForTheNameAsAnInstitution()
    {
        // Three enterprise accounts on a provider with thirty users declare one company; nobody else on it declares.
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 30; i++)
        {
            builder.Account($"user-{i}", i < 3 ? AccessPathway.Enterprise : AccessPathway.SelfServe, emailDomain: "provider.test", org: i < 3 ? "Crew Co" : null);
            builder.Request($"user-{i}", SnapshotBuilder.T0.AddHours(i));
        }

        Assert.That(IsInstitution(builder, "provider.test"), Is.False);
    }

    /// <summary>Whether the population the builder holds makes the domain an institution's, by default parameters.</summary>
    private static bool IsInstitution(SnapshotBuilder builder, string domain)
    {
        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        var links = new LinkSet();
        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        return scorer.IsInstitution(Array.IndexOf(snapshot.EmailDomains, domain));
    }

    private static int[] MembershipOf(int[] members, int accountCount) => OpenOrganisationTests.MembershipOf(members, accountCount);
}
