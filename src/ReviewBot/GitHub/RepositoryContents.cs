using Octokit;
using ReviewBot.Engine.Text;

namespace ReviewBot.GitHub;

/// <summary>A file of a repository's branch read through the contents API (the App reads the default branch's settings so).</summary>
internal sealed class RepositoryContents(IGitHubClientSource clients)
{
    /// <summary>The text of <paramref name="path"/> on <paramref name="gitRef"/> and its size in bytes; null when there is no such file.</summary>
    public async Task<(string Text, long Size)?> ReadTextAsync(
        long installationId, string owner, string name, string path, string gitRef, CancellationToken cancellationToken)
    {
        try
        {
            // The JSON form (base64 content), as documented; the raw media type's body Octokit may hand back as null.
            var api = new ApiConnection(clients.ForInstallation(installationId).Connection);
            var content = await api.Get<RepositoryContent>(
                    new Uri($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/contents/{path}", UriKind.Relative),
                    new Dictionary<string, string> { ["ref"] = gitRef })
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            if (content.Type.Value != ContentType.File || content.EncodedContent is not { } encoded) return null;
            return (SourceDecoder.Decode(Convert.FromBase64String(encoded), out _), content.Size);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
