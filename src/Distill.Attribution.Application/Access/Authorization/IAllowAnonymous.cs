namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>Marks the few requests that run before anyone is known (authenticating a key).</summary>
#pragma warning disable CA1040 // A marker read by the authorization behaviour.
public interface IAllowAnonymous
{
}
#pragma warning restore CA1040
