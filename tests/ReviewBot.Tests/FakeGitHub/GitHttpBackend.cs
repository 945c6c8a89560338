using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ReviewBot.Tests.FakeGitHub;

/// <summary>Serves git's smart HTTP protocol by running <c>git http-backend</c> as a CGI program.</summary>
internal static class GitHttpBackend
{
    public static async Task ServeAsync(HttpContext context, string projectRoot, string pathInfo)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("http-backend");
        start.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = pathInfo;
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        start.Environment["REMOTE_USER"] = "x-access-token";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (context.Request.Headers.ContentEncoding.Count > 0)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        }

        if (context.Request.Headers.TryGetValue("Git-Protocol", out var protocol))
        {
            start.Environment["GIT_PROTOCOL"] = protocol.ToString();
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var copyIn = CopyBodyAsync(context.Request.Body, process.StandardInput.BaseStream, context.RequestAborted);
        var output = process.StandardOutput.BaseStream;

        // CGI response: header lines, a blank line, then the body.
        var headerBytes = new List<byte>();
        var one = new byte[1];
        while (await output.ReadAsync(one, context.RequestAborted) == 1)
        {
            headerBytes.Add(one[0]);
            var n = headerBytes.Count;
            if (n >= 2 && headerBytes[n - 1] == '\n' && (headerBytes[n - 2] == '\n' || (n >= 4 && headerBytes[n - 2] == '\r' && headerBytes[n - 3] == '\n')))
            {
                break;
            }
        }

        var headers = System.Text.Encoding.ASCII.GetString(headerBytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        context.Response.StatusCode = 200;
        foreach (var raw in headers)
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await copyIn;
        await process.WaitForExitAsync(context.RequestAborted);
        _ = await stderr;
    }

    private static async Task CopyBodyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        finally
        {
            to.Close();
        }
    }
}
