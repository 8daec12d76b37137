using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Access.CreateApiKey;
using Distill.Attribution.Domain.Access;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Access;

/// <summary><c>viewer</c> (who am I) and <c>createApiKey</c> (admin).</summary>
internal static class AccessSchema
{
    public static void Register(SchemaBuilder b)
    {
        var role = b.Enum<Role>("Role", "Roles of API keys; each can do everything the one before can.");
        var viewer = b.Object<ICaller>("Viewer", "The caller of this request.");
        viewer.Field("keyId").Type(Types.String).ResolveFrom<ICaller>(c => c.KeyId)
            .Field("role").Type(role).ResolveFrom<ICaller>(c => c.Role)
            .Field("holder").Type(Types.String).ResolveFrom<ICaller>(c => c.Holder);
        b.Query.Field("viewer").Type(Types.NonNull(viewer)).Resolve(ctx => ctx.Services.GetRequiredService<ICaller>());

        var created = b.Object<CreateApiKeyResult>("CreatedApiKey", "A new API key. The key is shown this once; only its hash is stored.");
        created.Field("keyId").Type(Types.NonNull(Types.String)).ResolveFrom<CreateApiKeyResult>(k => k.KeyId)
            .Field("role").Type(Types.NonNull(role)).ResolveFrom<CreateApiKeyResult>(k => k.Role)
            .Field("key").Type(Types.NonNull(Types.String)).ResolveFrom<CreateApiKeyResult>(k => k.Key);
        b.MutationType().Field("createApiKey").Type(Types.NonNull(created)).Argument("role", Types.NonNull(role)).Argument("label", Types.String)
            .Argument("holder", Types.String)
            .Resolve((ctx, ct) => ctx.Send(new CreateApiKeyCommand(Roles.Name(ctx.Arg<Role>("role")), ctx.Arg<string?>("label"), ctx.Arg<string?>("holder")), ct));
    }
}
