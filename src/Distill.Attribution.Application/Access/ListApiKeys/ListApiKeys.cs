using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.ListApiKeys;

/// <summary>The API keys that can authenticate: id, role, holder, label and creation time (never a hash or a key).</summary>
public sealed record ListApiKeysQuery : IRequest<ListApiKeysResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.ManageKeys;
}

public sealed record ListApiKeysResult(IReadOnlyList<ApiKeySummary> Keys);

public sealed record ApiKeySummary(string KeyId, Role Role, DateTimeOffset CreatedAt, string? Holder, string? Label);

internal sealed class ListApiKeysHandler(IAccessStore store) : IRequestHandler<ListApiKeysQuery, ListApiKeysResult>
{
    public async Task<ListApiKeysResult> Handle(ListApiKeysQuery request, CancellationToken ct)
    {
        var keys = new List<ApiKeySummary>();
        await foreach (var key in store.ListKeysAsync(ct))
        {
            keys.Add(new ApiKeySummary(key.KeyId, key.Role, key.CreatedAt, key.Holder, key.Label));
        }

        keys.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.KeyId, b.KeyId));
        return new ListApiKeysResult(keys);
    }
}
