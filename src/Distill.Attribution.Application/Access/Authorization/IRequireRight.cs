using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>Implemented by every request that needs more than nothing; read by <see cref="AuthorizationBehaviour{TRequest,TResponse}"/>.</summary>
public interface IRequireRight
{
    AccessRight RequiredRight { get; }
}
