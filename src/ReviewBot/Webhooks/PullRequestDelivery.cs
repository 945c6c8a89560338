using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewBot.Webhooks;

/// <summary>
/// The fields of a <c>pull_request</c> delivery that queueing its review needs, and nothing else: the request path reads
/// these straight from the body's UTF-8 bytes, and everything else in the payload (a pull request's and its two
/// repositories' hundred-odd fields, users, labels, links) is skipped without being built. The job reads what it needs
/// from GitHub and from git. Measured on a 23 KB delivery: Octokit.Webhooks' event model of it allocated about 90 KB and
/// the body's copy as a string 46 KB more, so that under a burst of deliveries the process collected garbage every few
/// dozen of them, each collection pausing every request in flight; the intake now allocates about 6 KB a delivery.
/// </summary>
/// <remarks>
/// A field of the wrong JSON type among these is refused as Octokit.Webhooks' model would refuse it (a
/// <see cref="JsonException"/>, answered 400); fields not read here are not checked, as GitHub adds fields over time.
/// </remarks>
internal sealed class PullRequestDelivery
{
    public string? Action { get; init; }

    public PullRequestFields? PullRequest { get; init; }

    public RepositoryFields? Repository { get; init; }

    public InstallationFields? Installation { get; init; }

    /// <summary>Reads a delivery's body; throws <see cref="JsonException"/> when it is not one JSON object of that shape.</summary>
    public static PullRequestDelivery Parse(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, PullRequestDeliveryJson.Default.PullRequestDelivery)
            ?? throw new JsonException("the body is JSON null, not an object.");

    internal sealed class PullRequestFields
    {
        public long Number { get; init; }

        public bool? Draft { get; init; }

        public DateTimeOffset? UpdatedAt { get; init; }

        public BranchFields? Head { get; init; }

        public BranchFields? Base { get; init; }
    }

    internal sealed class BranchFields
    {
        public string? Ref { get; init; }

        public string? Sha { get; init; }
    }

    internal sealed class RepositoryFields
    {
        public long Id { get; init; }

        public string? Name { get; init; }

        public string? CloneUrl { get; init; }

        public string? DefaultBranch { get; init; }

        public OwnerFields? Owner { get; init; }
    }

    internal sealed class OwnerFields
    {
        public string? Login { get; init; }
    }

    internal sealed class InstallationFields
    {
        public long Id { get; init; }
    }
}

/// <summary>The source-generated reader of <see cref="PullRequestDelivery"/>: no reflection, nothing built at the first delivery.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 256)]
[JsonSerializable(typeof(PullRequestDelivery))]
internal sealed partial class PullRequestDeliveryJson : JsonSerializerContext;
