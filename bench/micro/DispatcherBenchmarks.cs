using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Distill.Attribution.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using OurBehaviour = Distill.Attribution.Application.Messaging.IPipelineBehavior<Distill.Bench.Micro.OurBehavedPing, int>;
using OurHandlerDelegate = Distill.Attribution.Application.Messaging.RequestHandlerDelegate<int>;

namespace Distill.Bench.Micro;

/// <summary>
/// One send of a trivial request (an int in, the int + 1 out) through our dispatcher (<c>ISender</c>,
/// src/Distill.Attribution.Application/Messaging) against Mediator.SourceGenerator 3.0.2's <c>IMediator.Send</c>, both
/// taken from a DI container, each registered the way it is normally used: ours as the product registers it (the
/// sender scoped, handlers and behaviours transient, so a send resolves its handler and behaviours), Mediator with its
/// default singleton lifetime (the generated code holds the handler). Bare, and through one pass-through pipeline
/// behaviour (what ValidationBehaviour costs when a request has no validator). The set-up checks all four answers.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DispatcherBenchmarks
{
    private ServiceProvider _ourRoot = null!;
    private ServiceProvider _mediatorRoot = null!;
    private IServiceScope _ourScope = null!;
    private ISender _sender = null!;
    private Mediator.IMediator _mediator = null!;
    private readonly OurPing _ourPing = new(41);
    private readonly OurBehavedPing _ourBehavedPing = new(41);
    private readonly MediatorPing _mediatorPing = new(41);
    private readonly MediatorBehavedPing _mediatorBehavedPing = new(41);

    [GlobalSetup]
    public void Setup()
    {
        var ours = new ServiceCollection();
        ours.AddScoped<ISender, Sender>(); // as Application's DependencyInjection registers it
        ours.AddTransient<IRequestHandler<OurPing, int>, OurPingHandler>();
        ours.AddTransient<IRequestHandler<OurBehavedPing, int>, OurBehavedPingHandler>();
        ours.AddTransient<OurBehaviour, OurPassThrough>();
        _ourRoot = ours.BuildServiceProvider(validateScopes: true);
        _ourScope = _ourRoot.CreateScope();
        _sender = _ourScope.ServiceProvider.GetRequiredService<ISender>();

        var mediator = new ServiceCollection();
        mediator.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.Namespace = "Distill.Bench.Micro.Generated";
            options.PipelineBehaviors = [typeof(MediatorPassThrough)];
        });
        _mediatorRoot = mediator.BuildServiceProvider(validateScopes: true);
        _mediator = _mediatorRoot.GetRequiredService<Mediator.IMediator>();

        var answers = new[] { OursBare().Result, OursThroughBehaviour().Result, MediatorBare().AsTask().Result, MediatorThroughBehaviour().AsTask().Result };
        if (answers.Any(a => a != 42) || !OurPassThrough.Ran || !MediatorPassThrough.Ran)
        {
            throw new InvalidOperationException($"the dispatchers disagree: {string.Join(", ", answers)}; behaviours ran {OurPassThrough.Ran} / {MediatorPassThrough.Ran}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ourScope.Dispose();
        _ourRoot.Dispose();
        _mediatorRoot.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("bare")]
    public Task<int> OursBare() => _sender.Send(_ourPing);

    [Benchmark, BenchmarkCategory("bare")]
    public ValueTask<int> MediatorBare() => _mediator.Send(_mediatorPing);

    [Benchmark(Baseline = true), BenchmarkCategory("one behaviour")]
    public Task<int> OursThroughBehaviour() => _sender.Send(_ourBehavedPing);

    [Benchmark, BenchmarkCategory("one behaviour")]
    public ValueTask<int> MediatorThroughBehaviour() => _mediator.Send(_mediatorBehavedPing);
}

public sealed record OurPing(int Value) : IRequest<int>;

public sealed record OurBehavedPing(int Value) : IRequest<int>;

public sealed class OurPingHandler : IRequestHandler<OurPing, int>
{
    public Task<int> Handle(OurPing request, CancellationToken ct) => Task.FromResult(request.Value + 1);
}

public sealed class OurBehavedPingHandler : IRequestHandler<OurBehavedPing, int>
{
    public Task<int> Handle(OurBehavedPing request, CancellationToken ct) => Task.FromResult(request.Value + 1);
}

public sealed class OurPassThrough : OurBehaviour
{
    public static bool Ran { get; private set; }

    public Task<int> Handle(OurBehavedPing request, OurHandlerDelegate next, CancellationToken ct)
    {
        Ran = true;
        return next(ct);
    }
}

public sealed record MediatorPing(int Value) : Mediator.IRequest<int>;

public sealed record MediatorBehavedPing(int Value) : Mediator.IRequest<int>;

public sealed class MediatorPingHandler : Mediator.IRequestHandler<MediatorPing, int>
{
    public ValueTask<int> Handle(MediatorPing request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Value + 1);
}

public sealed class MediatorBehavedPingHandler : Mediator.IRequestHandler<MediatorBehavedPing, int>
{
    public ValueTask<int> Handle(MediatorBehavedPing request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Value + 1);
}

public sealed class MediatorPassThrough : Mediator.IPipelineBehavior<MediatorBehavedPing, int>
{
    public static bool Ran { get; private set; }

    public ValueTask<int> Handle(MediatorBehavedPing message, Mediator.MessageHandlerDelegate<MediatorBehavedPing, int> next, CancellationToken cancellationToken)
    {
        Ran = true;
        return next(message, cancellationToken);
    }
}
