using Microsoft.AspNetCore.Http;

namespace Distill.Attribution.Api.GraphiQL;

/// <summary>
/// Serves GraphiQL to a browser that opens <c>/graphql</c> (no key needed for the page itself; the page asks for the
/// key and sends it as <c>Authorization: Bearer</c>). The page's assets are served from <c>/graphiql/</c>.
/// </summary>
internal static class GraphiQLPage
{
    public static Func<HttpContext, Task> Create(string directory) => async http =>
    {
        var index = Path.Combine(directory, "index.html");
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (File.Exists(index))
        {
            // The page's asset URLs are relative; the base makes them resolve under /graphiql/ when opened at /graphql.
            var html = await File.ReadAllTextAsync(index, http.RequestAborted);
            html = html.Replace("<head>", "<head>\n    <base href=\"/graphiql/\" />", StringComparison.Ordinal);
            await http.Response.WriteAsync(html, http.RequestAborted);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        await http.Response.WriteAsync(
            "<!doctype html><title>GraphiQL not built</title><p>GraphiQL is not built into this binary. Run <code>tools/api/build-graphiql.sh</code> "
            + "and rebuild, or POST GraphQL requests to <code>/graphql</code> with <code>Authorization: Bearer KEY</code>.</p>",
            http.RequestAborted);
    };
}
