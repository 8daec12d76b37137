using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Application.Tests.Live;

/// <summary>Deduplication: one open alert per cluster, kind and subject; updated, not repeated.</summary>
public sealed class AlertBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertOptions Options = new();

    [Test]
    public void ShouldOpenOneAlertPerKeyEvenWhenTheRulesRepeatThemselves()
    {
        var c = Candidate("c-0001", AlertKind.Grown, "members now", "30");
        var changes = AlertBook.Apply([], [c, c, Candidate("c-0001", AlertKind.NewCluster, "members", "30")], "run-0002", Now, Now, Options);
        Assert.That(changes.Select(x => (x.Alert.Kind, x.IsNew)), Is.EqualTo(new[] { (AlertKind.Grown, true), (AlertKind.NewCluster, true) }));
        Assert.That(changes[0].Alert.FirstRunId, Is.EqualTo("run-0002"));
    }

    [Test]
    public void ShouldUpdateAnOpenAlertWhenItsEvidenceChangesAndIgnoreARepeat()
    {
        var open = Saved(1, "c-0001", AlertKind.Grown, AlertStatus.Acknowledged, "members now", "30");
        var same = AlertBook.Apply([open], [Candidate("c-0001", AlertKind.Grown, "members now", "30")], "run-0003", Now, Now, Options);
        var grown = AlertBook.Apply([open], [Candidate("c-0001", AlertKind.Grown, "members now", "41")], "run-0003", Now.AddHours(1), Now, Options);
        Assert.Multiple(() =>
        {
            Assert.That(same, Is.Empty, "nothing new: no alert, no update");
            var update = grown.Single();
            Assert.That(update.IsNew, Is.False);
            Assert.That(update.Alert.Id, Is.EqualTo(1));
            Assert.That(update.Alert.Updates, Is.EqualTo(1));
            Assert.That(update.Alert.RunId, Is.EqualTo("run-0003"));
            Assert.That(update.Alert.FirstRunId, Is.EqualTo("run-0001"));
            Assert.That(update.Alert.Status, Is.EqualTo(AlertStatus.Acknowledged), "an update keeps the investigator's status");
            Assert.That(update.Alert.Evidence, Does.Contain(new AlertFact("members now", "41")));
        });
    }

    [Test]
    public void ShouldNotReopenAResolvedAlertForTheSameEvidenceButOpenANewOneWhenSomethingChanged()
    {
        var resolved = Saved(1, "c-0001", AlertKind.ReleasePivot, AlertStatus.Resolved, "model", "nova-3", subject: "nova-3");
        var same = AlertBook.Apply([resolved], [Candidate("c-0001", AlertKind.ReleasePivot, "model", "nova-3", subject: "nova-3")], "run-0004", Now, Now, Options);
        var other = AlertBook.Apply([resolved], [Candidate("c-0001", AlertKind.ReleasePivot, "model", "nova-4", subject: "nova-4")], "run-0004", Now, Now, Options);
        var changed = AlertBook.Apply([resolved], [Candidate("c-0001", AlertKind.ReleasePivot, "model", "nova-3b", subject: "nova-3")], "run-0004", Now, Now, Options);
        Assert.Multiple(() =>
        {
            Assert.That(same, Is.Empty);
            Assert.That(other.Single().IsNew, Is.True, "another model is another subject");
            Assert.That(changed.Single().IsNew, Is.True);
            Assert.That(changed.Single().Alert.Id, Is.Zero, "a new row, the resolved one stays resolved");
        });
    }

    private static AlertCandidate Candidate(string cluster, AlertKind kind, string fact, string value, string subject = "") =>
        new(AlertRulesTests.Cluster(cluster, 5, flagged: true), kind, subject, $"{cluster} {kind}", [new AlertFact(fact, value)]);

    private static LiveAlert Saved(long id, string cluster, AlertKind kind, AlertStatus status, string fact, string value, string subject = "") => new()
    {
        Id = id,
        ClusterId = cluster,
        Kind = kind,
        Subject = subject,
        Status = status,
        FirstRunId = "run-0001",
        RunId = "run-0001",
        RaisedAt = Now.AddDays(-1),
        UpdatedAt = Now.AddDays(-1),
        ObservedAt = Now.AddDays(-1),
        Summary = "s",
        Evidence = [new AlertFact(fact, value)],
    };
}
