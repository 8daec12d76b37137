namespace Distill.GraphQL.Http;

/// <summary>Thrown by <see cref="SegmentedBufferWriter"/> when a response would exceed <see cref="GraphQLServerOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException(long limit) : Exception($"The response exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}
