using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Telemetry;

namespace ReviewBot.Webhooks;

/// <summary>
/// <c>POST /api/github/webhooks</c>: bounds and verifies a delivery before anything else reads it, then hands the events
/// we handle to <see cref="ReviewBotWebhookProcessor"/>.
/// </summary>
/// <remarks>
/// Anyone can post here, so nothing a sender without the secret controls may cost more than a bounded amount: the body
/// is capped at GitHub's 25 MB (413 before reading when the declared length is larger), must keep up
/// <see cref="MinBodyBytesPerSecond"/> after <see cref="WebhookOptions.WebhookBodyTimeout"/> (408), and is hashed while
/// it streams into a buffer that spills to a temporary file past <see cref="MemoryThreshold"/>, so a flood of large
/// unsigned bodies holds little memory. Events and
/// actions we do not handle are acknowledged with 200 once the signature holds, without deserializing them: GitHub
/// disables a webhook that keeps failing, and adds events and fields over time.
/// </remarks>
internal sealed partial class WebhookIntake
{
    /// <summary>GitHub caps webhook payloads at 25 MB.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    /// <summary>Bodies up to this size are buffered in memory; larger ones in a temporary file that is deleted on close.</summary>
    public const int MemoryThreshold = 256 * 1024;

    /// <summary>After <see cref="WebhookOptions.WebhookBodyTimeout"/>, a body slower than this on average is refused (408).</summary>
    public const double MinBodyBytesPerSecond = 1024;

    private const int ReadChunk = 64 * 1024;

    private const string TooLarge = "The body is larger than GitHub's webhook limit of 25 MB.";

    // Long enough for a database restart, short enough that a redelivery by hand is not needed.
    private const string StoreDownRetryAfterSeconds = "5";

    private readonly ReviewBotWebhookProcessor _processor;
    private readonly byte[] _secret;
    private readonly TimeSpan _bodyTimeout;
    private readonly string _spoolDirectory;
    private readonly RefusalLog _refusals;
    private readonly ILogger<WebhookIntake> _logger;

    public WebhookIntake(
        ReviewBotWebhookProcessor processor,
        IOptions<GitHubAppOptions> github,
        IOptions<WebhookOptions> options,
        IOptions<StorageOptions> storage,
        TimeProvider time,
        ILogger<WebhookIntake> logger)
    {
        _processor = processor;
        _secret = Encoding.UTF8.GetBytes(github.Value.WebhookSecret ?? "");
        _bodyTimeout = options.Value.WebhookBodyTimeout;
        _spoolDirectory = storage.Value.SpoolPath;
        _refusals = new RefusalLog(logger, time);
        _logger = logger;
    }

    /// <summary>False for the warm-up's intake (<see cref="WebhookWarmUp"/>): its example events are no deliveries.</summary>
    public bool CountsDeliveries { get; init; } = true;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();

        if (!IsJson(request.ContentType))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, delivery, eventName, "Content-Type must be application/json.").ConfigureAwait(false);
            return;
        }

        if (request.Headers["X-GitHub-Event"].Count != 1 || string.IsNullOrWhiteSpace(eventName))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, delivery, eventName, "The X-GitHub-Event header is missing.").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, delivery, eventName, TooLarge).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit) sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        // Kestrel answers a body below this rate with 408 and closes the connection cleanly; cancelling the read
        // ourselves would leave a body Kestrel cannot drain.
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate) minRate.MinDataRate = new MinDataRate(MinBodyBytesPerSecond, _bodyTimeout);

        await using var body = new FileBufferingReadStream(request.Body, MemoryThreshold, bufferLimit: null, SpoolDirectory);
        if (await ReadAndHashAsync(context, body, delivery, eventName).ConfigureAwait(false) is not { } signature) return;

        if (!SignatureMatches(request.Headers["X-Hub-Signature-256"].ToString(), signature))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, delivery, eventName, "The X-Hub-Signature-256 signature is missing or does not match the body.").ConfigureAwait(false);
            return;
        }

        // Signed: from here on, the delivery id is GitHub's, and every entry logged about it carries it.
        using var scope = _logger.BeginScope(new DeliveryScope(RefusalLog.Printable(delivery)));
        System.Diagnostics.Activity.Current?.SetTag(ReviewBotTelemetry.Attributes.Delivery, RefusalLog.Printable(delivery));
        System.Diagnostics.Activity.Current?.SetTag(ReviewBotTelemetry.Attributes.Event, ReviewBotWebhookProcessor.HandlesEvent(eventName) ? eventName : "other");
        body.Seek(0, SeekOrigin.Begin);
        // A body the size of most deliveries is read into a pooled buffer: nothing of it outlives the request.
        var length = (int)body.Length;
        var bytes = length <= MemoryThreshold ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
        try
        {
            await body.ReadExactlyAsync(bytes.AsMemory(0, length), CancellationToken.None).ConfigureAwait(false);
            await DispatchAsync(context, bytes.AsMemory(0, length), delivery, eventName).ConfigureAwait(false);
        }
        finally
        {
            if (length <= MemoryThreshold) ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private string SpoolDirectory()
    {
        Directory.CreateDirectory(_spoolDirectory);
        return _spoolDirectory;
    }

    /// <summary>
    /// Reads the whole body into <paramref name="body"/>'s buffer and returns its HMAC, computed as it streams; null when
    /// the body was refused (answered) or the sender went away.
    /// </summary>
    private async Task<byte[]?> ReadAndHashAsync(HttpContext context, FileBufferingReadStream body, string delivery, string eventName)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            long total = 0;
            int n;
            while ((n = await body.ReadAsync(chunk.AsMemory(0, ReadChunk), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total > MaxBodyBytes)
                {
                    await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, delivery, eventName, TooLarge).ConfigureAwait(false);
                    return null;
                }

                hmac.AppendData(chunk, 0, n);
            }

            return hmac.GetHashAndReset();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // Kestrel's own limits: the body size (413) and the minimum data rate (408).
            var reason = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => TooLarge,
                StatusCodes.Status408RequestTimeout => $"The body arrived slower than {MinBodyBytesPerSecond} bytes a second after the first {_bodyTimeout.TotalSeconds:0.#} s.",
                _ => "The body was not received: " + e.Message,
            };
            await RefuseAsync(context, e.StatusCode, delivery, eventName, reason).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The sender went away: there is no one to answer.
            _refusals.Refused(delivery, eventName, 499, "The sender closed the connection before the body was complete.");
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private bool SignatureMatches(string header, byte[] computed)
    {
        const string Prefix = "sha256=";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + (2 * computed.Length)) return false;
        byte[] sent;
        try
        {
            sent = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return _secret.Length > 0 && CryptographicOperations.FixedTimeEquals(sent, computed);
    }

    /// <summary>Acknowledges what we do not handle; hands the rest to the processor and answers by its outcome.</summary>
    private async Task DispatchAsync(HttpContext context, ReadOnlyMemory<byte> body, string delivery, string eventName)
    {
        string? action = null;
        try
        {
            // Only an event we handle is read at all; of it, only the action decides whether the processor sees it.
            if (ReviewBotWebhookProcessor.HandlesEvent(eventName)) action = TopLevelAction(body.Span);
        }
        catch (JsonException e)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, delivery, eventName, "The body is not valid JSON: " + e.Message).ConfigureAwait(false);
            return;
        }

        if (!ReviewBotWebhookProcessor.Handles(eventName, action))
        {
            CountDelivery(eventName, "ignored");
            LogIgnored(_logger, RefusalLog.Printable(delivery), RefusalLog.Printable(eventName), RefusalLog.Printable(action ?? ""));
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await _processor.ProcessAsync(context.Request.Headers, body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebhookPayloadException or JsonException)
        {
            var reason = e is WebhookPayloadException ? e.Message : "The body is not valid JSON of the event's shape, or lacks fields the event needs: " + e.Message;
            await RefuseAsync(context, StatusCodes.Status400BadRequest, delivery, eventName, reason).ConfigureAwait(false);
            return;
        }
        catch (JobStoreException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Never 202 for a delivery that was not stored: GitHub is told to come back.
            context.Response.Headers.RetryAfter = StoreDownRetryAfterSeconds;
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, delivery, eventName, "The job store could not record the delivery: " + e.Message).ConfigureAwait(false);
            return;
        }

        CountDelivery(eventName, OutcomeName(outcome));

        context.Response.StatusCode = outcome
            is DeliveryOutcome.Queued or DeliveryOutcome.AlreadyQueued or DeliveryOutcome.Redelivery or DeliveryOutcome.CommandQueued
            ? StatusCodes.Status202Accepted
            : StatusCodes.Status200OK;
    }

    /// <summary>The top-level <c>action</c> string, or null; throws <see cref="JsonException"/> unless the body is one JSON object.</summary>
    private static string? TopLevelAction(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the body is not a JSON object.");
        string? action = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAction = reader.ValueTextEquals("action"u8);
            reader.Read();
            if (isAction && reader.TokenType == JsonTokenType.String) action = reader.GetString();
            else reader.Skip();
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("the body is not one JSON object.");
        return action;
    }

    /// <summary>
    /// Counts an answered delivery. The event is named only when we handle it: the header of a refused delivery is
    /// anyone's text, and every other value would be a series of its own.
    /// </summary>
    private void CountDelivery(string eventName, string outcome)
    {
        if (!CountsDeliveries) return;
        ReviewBotTelemetry.Deliveries.Add(
            1,
            new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.Event, ReviewBotWebhookProcessor.HandlesEvent(eventName) ? eventName : "other"),
            new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.Outcome, outcome));
    }

    private static string OutcomeName(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Queued => "queued",
        DeliveryOutcome.AlreadyQueued => "already_queued",
        DeliveryOutcome.Redelivery => "redelivery",
        DeliveryOutcome.Ignored => "ignored",
        DeliveryOutcome.CommandQueued => "command_queued",
        DeliveryOutcome.Cancelled => "cancelled",
        DeliveryOutcome.Outdated => "outdated",
        _ => "other",
    };

    private async Task RefuseAsync(HttpContext context, int status, string delivery, string eventName, string reason)
    {
        _refusals.Refused(delivery, eventName, status, reason);
        CountDelivery(eventName, status == StatusCodes.Status503ServiceUnavailable ? "unavailable" : "refused");
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        // A body left unread is not drained: the connection ends with the answer.
        if (status is StatusCodes.Status408RequestTimeout or StatusCodes.Status413PayloadTooLarge) context.Response.Headers.Connection = "close";
        context.Response.ContentType = "text/plain; charset=utf-8";
        try
        {
            await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The sender is gone; the refusal is logged.
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Delivery}: {Event}.{Action} is not handled; acknowledged")]
    private static partial void LogIgnored(ILogger logger, string delivery, string @event, string action);
}
