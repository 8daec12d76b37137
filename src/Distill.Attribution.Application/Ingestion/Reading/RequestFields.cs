namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of requests, in contract order (the order of <see cref="Names"/>).</summary>
internal static class RequestFields
{
    public const int RequestId = 0;
    public const int AccountId = 1;
    public const int Ts = 2;
    public const int Model = 3;
    public const int Capability = 4;
    public const int PromptFingerprint = 5;
    public const int Ip = 6;
    public const int Client = 7;
    public const int InputTokens = 8;
    public const int OutputTokens = 9;

    public static readonly string[] Names = ["request_id", "account_id", "ts", "model", "capability", "prompt_fingerprint", "ip", "client", "input_tokens", "output_tokens"];

    public static readonly bool[] Required = [true, true, true, true, false, false, false, false, false, false];
}
