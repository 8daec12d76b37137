namespace Distill.Attribution.Application.Common;

/// <summary>A request named something that does not exist (a cluster id not in the latest run). Hosts map it to NOT_FOUND.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException(string what, string id)
        : base($"No {what} with id '{id}'.")
    {
    }
}
