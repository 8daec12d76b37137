using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Distill.GraphQL.Execution;

/// <summary>
/// The engine's traces and metrics, through the .NET primitives that OpenTelemetry listens to: a host adds
/// <see cref="Name"/> as a trace source and a meter. Nothing is recorded while nobody listens.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Distill.GraphQL";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Wall time of one request through the executor (parse, validate, execute), seconds.</summary>
    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "distill.graphql.request.duration", "s", "Time to parse, validate and execute one GraphQL request");

    /// <summary>Errors in responses, by error code.</summary>
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "distill.graphql.request.errors", "{error}", "Errors returned in GraphQL responses");
}
