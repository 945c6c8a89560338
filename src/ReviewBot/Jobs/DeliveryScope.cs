using System.Collections;
using System.Globalization;

namespace ReviewBot.Jobs;

/// <summary>
/// The log scope of a delivery and of the work it brought: the delivery id, and the pull request once it is known.
/// Every entry logged inside carries them: as properties in JSON logs (<c>ReviewBot__LogFormat=json</c>), as
/// <c>=> delivery ..., owner/name#number</c> in the one-line format.
/// </summary>
internal sealed class DeliveryScope(string? delivery, string? repository = null, int? pullNumber = null, long? jobId = null)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _properties = Properties(delivery, repository, pullNumber, jobId);

    public int Count => _properties.Count;

    public KeyValuePair<string, object?> this[int index] => _properties[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static List<KeyValuePair<string, object?>> Properties(string? delivery, string? repository, int? pullNumber, long? jobId)
    {
        var properties = new List<KeyValuePair<string, object?>>(4);
        if (delivery is not null) properties.Add(new("Delivery", delivery));
        if (repository is not null) properties.Add(new("Repository", repository));
        if (pullNumber is not null) properties.Add(new("PullRequest", pullNumber));
        if (jobId is not null) properties.Add(new("Job", jobId));
        return properties;
    }

    public override string ToString()
    {
        var parts = new List<string>(3);
        if (delivery is not null) parts.Add("delivery " + delivery);
        if (repository is not null) parts.Add(pullNumber is { } number ? $"{repository}#{number.ToString(CultureInfo.InvariantCulture)}" : repository);
        if (jobId is { } job) parts.Add("job " + job.ToString(CultureInfo.InvariantCulture));
        return string.Join(", ", parts);
    }
}
