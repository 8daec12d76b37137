namespace Distill.GraphQL.Execution;

/// <summary>A completed value already serialised (UTF-8 JSON written with <see cref="ExecutionResult.WriterOptions"/>), written as is.</summary>
internal sealed class RawJson(byte[] utf8)
{
    public byte[] Utf8 { get; } = utf8;
}
