using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Detection;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Application.Runs.RunDetection;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Sqlite;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Tests.Detection;

/// <summary>Issue 16, item 4: one validator of detection parameters behind every entry point, with field-level errors.</summary>
public sealed class DetectionParametersValidatorTests
{
    private static readonly DetectionParameters[] Invalid =
    [
        new() { ClusteringQuality = "louvain" },
        new() { ClusteringResolution = double.NaN },
        new() { FlagThreshold = 1.5, IpMaxAccounts = 1 },
    ];

    [TestCaseSource(nameof(Invalid))]
    public void ShouldNameEveryParameterTheRangeTableRefuses(DetectionParameters parameters)
    {
        var result = DetectionParametersValidator.Instance.Validate(parameters);

        var expected = DetectionParameterRanges.Check(parameters);
        Assert.That(expected, Is.Not.Empty);
        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(expected.Select(p => (p.Name, p.Message))));
    }

    private static readonly TestCaseData[] InvalidWithJson =
    [
        new(new DetectionParameters { ClusteringQuality = "louvain" }, """{"ClusteringQuality":"louvain"}"""),
        new(new DetectionParameters { ClusteringResolution = -1 }, """{"ClusteringResolution":-1}"""),
        new(new DetectionParameters { FlagThreshold = 1.5, IpMaxAccounts = 1 }, """{"FlagThreshold":1.5,"IpMaxAccounts":1}"""),
    ];

    [TestCaseSource(nameof(InvalidWithJson))]
    public void ShouldGiveTheSameFieldsThroughTheCommandAndTheMutation(DetectionParameters parameters, string json)
    {
        var names = DetectionParametersValidator.Instance.Validate(parameters).Errors.Select(e => e.PropertyName).ToArray();
        Assert.That(names, Is.Not.Empty);

        var command = new DetectClustersValidator().Validate(new DetectClustersCommand(parameters));
        var mutation = new RunDetectionValidator().Validate(new RunDetectionCommand(json));

        Assert.That(command.Errors.Select(e => e.PropertyName), Is.EqualTo(names.Select(n => "Parameters." + n)));
        Assert.That(mutation.Errors.Select(e => e.PropertyName), Is.EqualTo(names.Select(n => "parameters." + n)));
    }

    [Test]
    public async Task ShouldRefuseAnUnknownClusteringQualityThroughTheDispatcherAsAUserError()
    {
        // The path of the CLI and of the embedding facade (which composes exactly these two layers): DetectClustersCommand
        // through the dispatcher's ValidationBehaviour, on a real store, which must not get a run.
        var path = Path.Combine(Path.GetTempPath(), "distill-params-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var services = new ServiceCollection()
                .AddAttributionApplication()
                .AddSqliteStore(o => o.Path = path)
                .AddSingleton<ICaller>(FixedCaller.CommandLine)
                .BuildServiceProvider();

            var error = await Assert.ThrowsAsync<ValidationException>(() =>
                services.GetRequiredService<ISender>().Send(new DetectClustersCommand(new DetectionParameters { ClusteringQuality = "louvain" })));

            Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Parameters.ClusteringQuality" }));
            Assert.That(await services.GetRequiredService<IRunStore>().GetLatestRunAsync(CancellationToken.None), Is.Null, "a refused run must not become a run");
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
