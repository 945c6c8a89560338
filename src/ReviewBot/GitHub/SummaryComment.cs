using Octokit;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;

namespace ReviewBot.GitHub;

/// <summary>The one summary comment on a pull request's conversation: found by its marker and edited in place, else created.</summary>
internal sealed class SummaryComment(IGitHubClientSource clients)
{
    public async Task UpsertAsync(PublishTarget target, string body, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.Number)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        // Only a bot's comment can be ours: a person quoting the marker must not make us edit (and fail on) theirs.
        var existing = comments.FirstOrDefault(c =>
            c.User?.Type == AccountType.Bot && c.Body?.Contains(MarkdownSummary.Marker, StringComparison.Ordinal) == true);
        cancellationToken.ThrowIfCancellationRequested();
        if (existing is null)
        {
            await client.Issue.Comment.Create(target.Owner, target.Name, target.Number, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Body != body)
        {
            await client.Issue.Comment.Update(target.Owner, target.Name, existing.Id, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
