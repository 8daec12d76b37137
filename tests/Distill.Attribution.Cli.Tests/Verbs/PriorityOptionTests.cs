using System.CommandLine;
using Distill.Attribution.Cli.Verbs;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary><c>--priority normal|background</c> and <c>DISTILL_PRIORITY</c>: which verbs take them, what they accept, which wins.</summary>
public sealed class PriorityOptionTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static RootCommand Root()
    {
        var root = new RootCommand();
        root.Subcommands.Add(IngestVerb.Create());
        root.Subcommands.Add(DetectVerb.Create());
        root.Subcommands.Add(WatchVerb.Create());
        root.Subcommands.Add(ReplayVerb.Create());
        root.Subcommands.Add(StatsVerb.Create());
        root.Subcommands.Add(ServeVerb.Create());
        return root;
    }

    private static Func<string, string?> Environment(string value) =>
        name => name == PriorityOption.EnvironmentVariable ? value : null;

    [TestCase("ingest", "in")]
    [TestCase("detect")]
    [TestCase("watch", "inbox")]
    [TestCase("replay", "data")]
    public void ShouldTakeThePriorityOnTheLongRunningVerbs(string verb, params string[] rest)
    {
        var normal = Root().Parse([verb, .. rest, "--priority", "normal"]);
        var background = Root().Parse([verb, .. rest, "--priority", "background"]);
        Assert.That(normal.Errors, Is.Empty);
        Assert.That(PriorityOption.Resolve(normal, NoEnvironment, out _), Is.EqualTo(PriorityLevel.Normal));
        Assert.That(PriorityOption.Resolve(background, NoEnvironment, out _), Is.EqualTo(PriorityLevel.Background));
        Assert.That(PriorityOption.Resolve(Root().Parse([verb, .. rest]), NoEnvironment, out _), Is.EqualTo(PriorityLevel.Normal), "the default");
    }

    [TestCase("low")]
    [TestCase("Background")]
    [TestCase("idle")]
    [TestCase("")]
    public void ShouldRejectAnythingButNormalOrBackground(string value)
    {
        var parse = Root().Parse(["ingest", "in", "--priority", value]);
        Assert.That(parse.Errors.Select(e => e.Message), Has.Some.Contains("--priority").And.Contains("normal or background"));
    }

    [TestCase("stats")]
    [TestCase("serve")]
    public void ShouldNotBeTakenByTheOtherVerbs(string verb)
    {
        var parse = Root().Parse([verb, "--priority", "background"]);
        Assert.That(parse.Errors, Is.Not.Empty);
        Assert.That(PriorityOption.Resolve(Root().Parse([verb]), Environment("background"), out var error), Is.EqualTo(PriorityLevel.Normal), "the variable applies to the four verbs only");
        Assert.That(error, Is.Null);
    }

    [Test]
    public void ShouldTakeTheEnvironmentVariableWhenTheOptionIsNotGiven()
    {
        Assert.That(PriorityOption.Resolve(Root().Parse(["detect"]), Environment("background"), out _), Is.EqualTo(PriorityLevel.Background));
        Assert.That(PriorityOption.Resolve(Root().Parse(["detect", "--priority", "normal"]), Environment("background"), out _), Is.EqualTo(PriorityLevel.Normal), "the option wins");
        Assert.That(PriorityOption.Resolve(Root().Parse(["detect"]), Environment(""), out _), Is.EqualTo(PriorityLevel.Normal), "empty is unset");
    }

    [Test]
    public void ShouldNameTheVariableWhenItHoldsSomethingElse()
    {
        Assert.That(PriorityOption.Resolve(Root().Parse(["detect"]), Environment("nice"), out var error), Is.Null);
        Assert.That(error, Does.Contain("DISTILL_PRIORITY=nice").And.Contain("normal or background"));
        Assert.That(PriorityOption.Resolve(Root().Parse(["detect", "--priority", "background"]), Environment("nice"), out error), Is.EqualTo(PriorityLevel.Background), "an explicit option is not blocked by a bad variable");
        Assert.That(error, Is.Null);
    }

    [Test]
    public void ShouldNotApplyToHelp() =>
        Assert.That(PriorityOption.Resolve(Root().Parse(["ingest", "--help"]), Environment("nice"), out _), Is.EqualTo(PriorityLevel.Normal));

    [Test]
    public async Task ShouldRefuseABadValueAsAUsageErrorBeforeTouchingTheStore()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store.db");
        var option = await DistillProcess.RunAsync("ingest", "--priority", "low", "--store", store, dir.Path);
        Assert.That(option.ExitCode, Is.EqualTo(2), option.ToString());
        Assert.That(option.Error, Does.Contain("--priority: 'low' is not a priority (normal or background)"));
        var variable = await DistillProcess.RunAsync(TimeSpan.FromMinutes(2), new Dictionary<string, string?> { ["DISTILL_PRIORITY"] = "low" }, "ingest", "--store", store, dir.Path);
        Assert.That(variable.ExitCode, Is.EqualTo(2), variable.ToString());
        Assert.That(variable.Error, Does.Contain("error: DISTILL_PRIORITY=low: not a priority (normal or background)"));
        Assert.That(File.Exists(store), Is.False);
        var help = await DistillProcess.RunAsync("ingest", "--help");
        Assert.That(help.Output, Does.Contain("--priority <normal|background>"));
    }
}
