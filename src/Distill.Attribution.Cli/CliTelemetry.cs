using Distill.Attribution.Application.Telemetry;
using Distill.GraphQL.Execution;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Distill.Attribution.Cli;

/// <summary>
/// OpenTelemetry for every verb, off by default. It turns on with the standard variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the per-signal <c>..._TRACES_ENDPOINT</c> / <c>..._METRICS_ENDPOINT</c>;
/// protocol, headers and <c>OTEL_SERVICE_NAME</c> are read by the SDK) or with <c>DISTILL_OTEL_CONSOLE=1</c>,
/// which prints spans and metrics on stdout. <c>OTEL_SDK_DISABLED=true</c> wins over both.
/// </summary>
internal static class CliTelemetry
{
    /// <summary>Meters of ASP.NET Core that <c>distill serve</c> reports beside ours.</summary>
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Starts the providers when telemetry is asked for; disposing flushes and stops them. Null when off.</summary>
    public static IDisposable? StartFromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (string.Equals(environment("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var otlp = !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
            || !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
        var console = environment("DISTILL_OTEL_CONSOLE") is "1" or "true";
        if (!otlp && !console)
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(environment("OTEL_SERVICE_NAME") ?? "distill");
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AttributionTelemetry.Name, GraphQLTelemetry.Name)
            .AddAspNetCoreInstrumentation();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AttributionTelemetry.Name, GraphQLTelemetry.Name)
            .AddMeter(AspNetCoreMeters);
        if (otlp)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        if (console)
        {
            tracing.AddConsoleExporter();
            metrics.AddConsoleExporter();
        }

        return new Providers(tracing.Build(), metrics.Build());
    }

    private sealed class Providers(TracerProvider? tracing, MeterProvider? metrics) : IDisposable
    {
        public void Dispose()
        {
            // Dispose flushes what is buffered: the spans and the last metric readings of a short verb are not lost.
            tracing?.Dispose();
            metrics?.Dispose();
        }
    }
}
