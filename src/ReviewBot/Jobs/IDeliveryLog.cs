
namespace ReviewBot.Jobs;

/// <summary>
/// The deliveries seen, by GitHub's delivery id: each method records a delivery and the work it brings in one
/// durable write before the webhook is answered, and does nothing for a delivery id seen before (GitHub redelivers
/// with the same id). A delivery that was not stored throws; it is never reported as recorded.
/// </summary>
internal interface IDeliveryLog
{
    /// <summary>
    /// Records delivery <paramref name="deliveryId"/> and, when <paramref name="request"/> is given, queues its review
    /// as <see cref="IReviewQueue.EnqueueAsync"/> does; both or neither are written.
    /// </summary>
    Task<EnqueueResult> RecordReviewAsync(string deliveryId, string eventName, ReviewRequest? request, CancellationToken cancellationToken);

    /// <summary>Records the delivery and queues its command; one command per comment, whatever the delivery id.</summary>
    Task<DeliveryOutcome> RecordCommandAsync(string deliveryId, string eventName, CommandRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Records the delivery of a closed pull request and cancels its queued and running jobs and queued commands;
    /// returns the cancelled job ids, or null for a redelivery.
    /// </summary>
    Task<IReadOnlyList<long>?> RecordClosedAsync(string deliveryId, string eventName, long repositoryId, int pullNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Records the delivery that removed the App from <paramref name="repositoryIds"/> (or deleted or suspended
    /// installation <paramref name="installationId"/>): cancels those repositories' queued and running jobs and queued
    /// commands, and queues the <see cref="CleanupJob"/> that forgets the rest; returns the cancelled job ids, or null
    /// for a redelivery.
    /// </summary>
    Task<IReadOnlyList<long>?> RecordRepositoriesRemovedAsync(
        string deliveryId, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken);
}
