using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application.Tests.Messaging;

public sealed class SenderTests
{
    [Test]
    public async Task ShouldRunTheHandlerInsideBehavioursInRegistrationOrder()
    {
        var log = new List<string>();
        await using var services = new ServiceCollection()
            .AddSingleton(log)
            .AddSingleton<ISender, Sender>()
            .AddTransient<IPipelineBehavior<Echo, string>, Outer>()
            .AddTransient<IPipelineBehavior<Echo, string>, Inner>()
            .AddTransient<IRequestHandler<Echo, string>, EchoHandler>()
            .BuildServiceProvider();

        var answer = await services.GetRequiredService<ISender>().Send(new Echo("hi"));

        Assert.That(answer, Is.EqualTo("hi!"));
        Assert.That(log, Is.EqualTo(new[] { "outer>", "inner>", "handler", "<inner", "<outer" }));
    }

    [Test]
    public async Task ShouldRejectAnInvalidRequestWithEveryFieldErrorBeforeTheHandlerRuns()
    {
        var log = new List<string>();
        await using var services = new ServiceCollection()
            .AddSingleton(log)
            .AddSingleton<ISender, Sender>()
            .AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>))
            .AddTransient<IValidator<Echo>, EchoValidator>()
            .AddTransient<IRequestHandler<Echo, string>, EchoHandler>()
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ValidationException>(() => services.GetRequiredService<ISender>().Send(new Echo("")));

        Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Text", "Text" }));
        Assert.That(log, Is.Empty);
    }

    [Test]
    public async Task ShouldNameTheRequestWhenNoHandlerIsRegistered()
    {
        await using var services = new ServiceCollection().AddSingleton<ISender, Sender>().BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ISender>().Send(new Echo("x")));

        Assert.That(error!.Message, Does.Contain(nameof(Echo)));
    }

    [Test]
    public async Task ShouldFindHandlersAndValidatorsOfTheApplicationAssemblyByScanning()
    {
        await using var services = new ServiceCollection().AddAttributionApplication().AddSingleton<ICaller>(FixedCaller.CommandLine).BuildServiceProvider();

        Assert.That(services.GetService<ISender>(), Is.Not.Null);
        Assert.That(services.GetServices<IPipelineBehavior<Echo, string>>().Count(), Is.EqualTo(2));
    }

    internal sealed record Echo(string Text) : IRequest<string>;

    internal sealed class EchoHandler(List<string> log) : IRequestHandler<Echo, string>
    {
        public Task<string> Handle(Echo request, CancellationToken ct)
        {
            log.Add("handler");
            return Task.FromResult(request.Text + "!");
        }
    }

    internal sealed class EchoValidator : AbstractValidator<Echo>
    {
        public EchoValidator()
        {
            RuleFor(e => e.Text).NotEmpty();
            RuleFor(e => e.Text).MinimumLength(1).WithMessage("Text must be one character or more.");
        }
    }

    internal sealed class Outer(List<string> log) : IPipelineBehavior<Echo, string>
    {
        public async Task<string> Handle(Echo request, RequestHandlerDelegate<string> next, CancellationToken ct)
        {
            log.Add("outer>");
            var result = await next(ct);
            log.Add("<outer");
            return result;
        }
    }

    internal sealed class Inner(List<string> log) : IPipelineBehavior<Echo, string>
    {
        public async Task<string> Handle(Echo request, RequestHandlerDelegate<string> next, CancellationToken ct)
        {
            log.Add("inner>");
            var result = await next(ct);
            log.Add("<inner");
            return result;
        }
    }
}
