using Distill.Attribution.Application.Messaging;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Application;

/// <summary>Registers the application layer: the dispatcher, its behaviours, every handler and validator.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddAttributionApplication(this IServiceCollection services)
    {
        services.AddSingleton<ISender, Sender>();
        // Behaviours run in registration order, outermost first: validation before anything touches a store.
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
