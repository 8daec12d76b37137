using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Domain.Tests.Access;

public sealed class RolesTests
{
    [TestCase(Role.Investigator, AccessRight.Read, true)]
    [TestCase(Role.Investigator, AccessRight.RecordVerdict, false)]
    [TestCase(Role.Analyst, AccessRight.RecordVerdict, true)]
    [TestCase(Role.Analyst, AccessRight.OverrideOperator, true)]
    [TestCase(Role.Analyst, AccessRight.RunDetection, true)]
    [TestCase(Role.Analyst, AccessRight.RequestEvidencePack, false)]
    [TestCase(Role.Legal, AccessRight.RequestEvidencePack, true)]
    [TestCase(Role.Legal, AccessRight.ManageKeys, false)]
    [TestCase(Role.Legal, AccessRight.ReadAudit, false)]
    [TestCase(Role.Admin, AccessRight.ManageKeys, true)]
    [TestCase(Role.Admin, AccessRight.ReadAudit, true)]
    [TestCase(Role.Admin, AccessRight.Read, true)]
    public void ShouldGrantEachRoleWhatTheRolesBeforeItHoldAndNoMore(Role role, AccessRight right, bool allowed) =>
        Assert.That(role.Allows(right), Is.EqualTo(allowed));

    [Test]
    public void ShouldRoundTripEveryRoleName()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.That(Roles.TryParse(Roles.Name(role), out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(role));
        }

        Assert.That(Roles.TryParse("root", out _), Is.False);
        Assert.That(Roles.TryParse(null, out _), Is.False);
    }
}
