using System.Diagnostics;
using System.Globalization;
using ReviewBot.Telemetry;

namespace ReviewBot.GitHub;

/// <summary>
/// Each request to GitHub's REST API as it goes on the wire (every attempt, after the pacing): a client span, child of
/// whatever job or delivery is current, and <c>http.client.request.duration</c> by method, endpoint template and
/// status; the <c>x-ratelimit-remaining</c> it reports is kept for <c>reviewbot.github.rate_limit.remaining</c>.
/// Neither the span nor the metric carries the URL's query, a header or a token.
/// </summary>
internal sealed class GitHubRequestTelemetry(Uri apiUrl) : DelegatingHandler
{
    // The endpoints ReviewBot calls (../shared/reference/github-rest-subset.json), literal-first where two could match.
    private static readonly string[][] Templates =
    [
        .. new[]
        {
            "/app",
            "/app/installations/{installation_id}/access_tokens",
            "/app-manifests/{code}/conversions",
            "/rate_limit",
            "/repos/{owner}/{repo}/installation",
            "/repos/{owner}/{repo}/pulls/{pull_number}",
            "/repos/{owner}/{repo}/pulls/{pull_number}/files",
            "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
            "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
            "/repos/{owner}/{repo}/issues/comments/{comment_id}",
            "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
            "/repos/{owner}/{repo}/issues/{issue_number}/comments",
            "/repos/{owner}/{repo}/check-runs",
            "/repos/{owner}/{repo}/check-runs/{check_run_id}",
            "/repos/{owner}/{repo}/commits/{ref}/check-runs",
            "/repos/{owner}/{repo}/collaborators/{username}/permission",
            "/repos/{owner}/{repo}/compare/{basehead}",
            "/repos/{owner}/{repo}/contents/{path}",
        }.Select(t => t.Split('/', StringSplitOptions.RemoveEmptyEntries)),
    ];

    private readonly string _root = apiUrl.AbsolutePath.TrimEnd('/');

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var template = request.RequestUri is { } uri ? Template(uri.AbsolutePath) : "other";
        var method = request.Method.Method;
        var server = request.RequestUri?.Host ?? "";
        using var activity = ReviewBotTelemetry.Activities.StartActivity($"{method} {template}", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList
        {
            { ReviewBotTelemetry.Attributes.Method, method },
            { ReviewBotTelemetry.Attributes.UrlTemplate, template },
            { ReviewBotTelemetry.Attributes.ServerAddress, server },
        };
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            tags.Add(ReviewBotTelemetry.Attributes.StatusCode, status);
            if (status >= 400)
            {
                tags.Add(ReviewBotTelemetry.Attributes.ErrorType, status.ToString(CultureInfo.InvariantCulture));
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            RecordRemaining(response);
            return response;
        }
        catch (Exception e)
        {
            tags.Add(ReviewBotTelemetry.Attributes.ErrorType, e.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            ReviewBotTelemetry.GitHubRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            // The span carries the metric's attributes: one set of names for both.
            if (activity is not null)
            {
                foreach (var tag in tags) activity.SetTag(tag.Key, tag.Value);
            }
        }
    }

    /// <summary>The endpoint's template (<c>/repos/{owner}/{repo}/pulls/{pull_number}</c>), or <c>other</c>: never a name or number.</summary>
    public string Template(string absolutePath)
    {
        var path = absolutePath.StartsWith(_root + "/", StringComparison.Ordinal) ? absolutePath[_root.Length..] : absolutePath;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var template in Templates)
        {
            if (Matches(template, segments)) return "/" + string.Join('/', template);
        }

        return "other";
    }

    private static bool Matches(string[] template, string[] segments)
    {
        // {path} takes the rest of the path, slashes and all.
        var rest = template[^1] == "{path}";
        if (rest ? segments.Length < template.Length : segments.Length != template.Length) return false;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i][0] != '{' && !template[i].Equals(segments[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    private static void RecordRemaining(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("x-ratelimit-remaining", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
        {
            var resource = response.Headers.TryGetValues("x-ratelimit-resource", out var resources) ? resources.FirstOrDefault() ?? "core" : "core";
            ReviewBotTelemetry.RecordRateLimitRemaining(resource, remaining);
        }
    }
}
