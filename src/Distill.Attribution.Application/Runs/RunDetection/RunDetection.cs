using System.Text.Json;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Detection;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Runs.RunDetection;

/// <summary>
/// Makes a new detection run over the store and makes it the one queries answer from. <see cref="ParametersJson"/>
/// holds the parameters that differ from the defaults (names as in <see cref="DetectionParameters"/>); null for all defaults.
/// </summary>
public sealed record RunDetectionCommand(string? ParametersJson) : IRequest<RunSummary>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RunDetection;

    private static readonly JsonSerializerOptions StrictOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        // A misspelt parameter must fail, not silently run with the default.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The parameters, or null with <paramref name="error"/> when the JSON is not a valid parameter object.</summary>
    public DetectionParameters? TryReadParameters(out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(ParametersJson))
        {
            return new DetectionParameters();
        }

        try
        {
            return JsonSerializer.Deserialize<DetectionParameters>(ParametersJson, StrictOptions) ?? new DetectionParameters();
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }
}

internal sealed class RunDetectionHandler(ISender sender, RunCache cache) : IRequestHandler<RunDetectionCommand, RunSummary>
{
    public async Task<RunSummary> Handle(RunDetectionCommand request, CancellationToken ct)
    {
        var parameters = request.TryReadParameters(out _) ?? throw new InvalidOperationException("The validator lets only valid parameters through.");
        var result = await sender.Send(new DetectClustersCommand(parameters), ct);
        await cache.PublishAsync(result.Run, ct);
        return RunSummary.Of(result.Run);
    }
}

internal sealed class RunDetectionValidator : AbstractValidator<RunDetectionCommand>
{
    public RunDetectionValidator()
    {
        RuleFor(c => c.ParametersJson).MaximumLength(64 * 1024).OverridePropertyName("parameters");
        RuleFor(c => c).Custom((command, context) =>
        {
            var p = command.TryReadParameters(out var error);
            if (p is null)
            {
                context.AddFailure("parameters", "Not a valid parameter object: " + error);
                return;
            }

            // The one validator of detection parameters, as DetectClustersValidator applies it for the CLI and the facade.
            foreach (var failure in DetectionParametersValidator.Instance.Validate(p).Errors)
            {
                context.AddFailure("parameters." + failure.PropertyName, failure.ErrorMessage);
            }
        });
    }
}
