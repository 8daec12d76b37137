namespace Distill.Attribution.Api.Hosting;

/// <summary>How far <see cref="ClusterViewWarmUp"/> got: <c>running</c>, <c>done</c> or <c>failed</c> (then queries build what they need themselves).</summary>
internal sealed class WarmUpState
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    private volatile string _status = Running;

    public string Status => _status;

    public void Finish(string status) => _status = status;
}
