using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Distill.Attribution.Api.Workbench;

/// <summary>
/// Serves the built investigator workbench (web/, built by <c>npm run build</c> into <c>workbench/</c> next to the
/// binaries) at <c>/</c>, with a strict content security policy: the page loads nothing but its own files and talks
/// only to this server. Without a build, <c>/</c> says how to make one.
/// </summary>
internal static class WorkbenchFiles
{
    private const string Policy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseWorkbench(this WebApplication app, string directory)
    {
        if (!File.Exists(Path.Combine(directory, "index.html")))
        {
            app.MapGet("/", () => Results.Content(
                "<!doctype html><title>Workbench not built</title><p>The investigator workbench is not built into this binary: run "
                + "<code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> and rebuild. GraphiQL is at <a href=\"/graphql\">/graphql</a>.</p>",
                "text/html; charset=utf-8"));
            return app;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(directory));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                c.Context.Response.Headers.ContentSecurityPolicy = Policy;
                c.Context.Response.Headers.XContentTypeOptions = "nosniff";
                c.Context.Response.Headers["Referrer-Policy"] = "no-referrer";
                c.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
