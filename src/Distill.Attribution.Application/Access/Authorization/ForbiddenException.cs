using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>The caller's role does not hold the right a request needs. Hosts map it to FORBIDDEN / exit 1.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
        : this(AccessRight.Read)
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ForbiddenException(AccessRight right)
        : base($"This operation needs the {Roles.Name(Roles.MinimumFor(right))} role or higher.")
    {
        Right = right;
    }

    public AccessRight Right { get; }
}
