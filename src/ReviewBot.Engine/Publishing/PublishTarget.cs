namespace ReviewBot.Engine.Publishing;

/// <summary>The pull request (and head) a review is published on; <see cref="InstallationId"/> names whose credentials publish it.</summary>
public sealed record PublishTarget(long InstallationId, string Owner, string Name, int Number, string HeadSha);
