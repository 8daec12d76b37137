using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Application;

/// <summary>Registers the application layer: the dispatcher, its behaviours, every handler and validator.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddAttributionApplication(this IServiceCollection services)
    {
        // Scoped: a request's behaviours see that request's caller.
        services.AddScoped<ISender, Sender>();
        services.TryAddSingleton<IClock, SystemClock>();
        // Behaviours run in registration order, outermost first: who may ask, then is the question well formed.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        RegisterClosedImplementations(services, typeof(IRequestHandler<,>));
        RegisterClosedImplementations(services, typeof(IValidator<>));
        return services;
    }

    // Scans this assembly once at start-up so that a new use case needs no registration line.
    private static void RegisterClosedImplementations(IServiceCollection services, Type openInterface)
    {
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
            {
                continue;
            }

            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType && contract.GetGenericTypeDefinition() == openInterface)
                {
                    services.AddTransient(contract, type);
                }
            }
        }
    }
}
