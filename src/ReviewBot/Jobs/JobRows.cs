using System.Data.Common;

namespace ReviewBot.Jobs;

/// <summary>
/// Reads the stores' rows, whatever the database: both stores name their columns alike, and ADO.NET's reader is common
/// to their drivers. Only what the types differ in is converted here (a flag is an integer in SQLite, a boolean in
/// PostgreSQL).
/// </summary>
internal static class JobRows
{
    public static string StateText(JobState state) => state.ToString().ToLowerInvariant();

    public static JobState ParseState(string text) => Enum.Parse<JobState>(text, ignoreCase: true);

    /// <summary>A job as a row of <c>SELECT * FROM jobs</c> reads.</summary>
    public static ReviewJob ReadJob(DbDataReader reader)
    {
        var request = new ReviewRequest(
            InstallationId: Long(reader, "installation_id"),
            RepositoryId: Long(reader, "repository_id"),
            Owner: Text(reader, "owner"),
            Name: Text(reader, "name"),
            PullNumber: Int(reader, "pull_number"),
            HeadSha: Text(reader, "head_sha"),
            BaseRef: Text(reader, "base_ref"),
            CloneUrl: Text(reader, "clone_url"),
            DefaultBranch: Text(reader, "default_branch"),
            Trigger: Text(reader, "trigger"),
            Draft: Convert.ToBoolean(reader.GetValue(reader.GetOrdinal("draft")), System.Globalization.CultureInfo.InvariantCulture),
            CommentId: NullableLong(reader, "comment_id"),
            UpdatedAt: NullableLong(reader, "pr_updated_at") is { } updated ? DateTimeOffset.FromUnixTimeMilliseconds(updated) : null,
            Delivery: NullableText(reader, "delivery_id"),
            TraceParent: NullableText(reader, "trace_parent"));
        return new ReviewJob(
            Long(reader, "id"),
            request,
            ParseState(Text(reader, "state")),
            Int(reader, "attempts"),
            NullableLong(reader, "check_run_id"),
            reader.IsDBNull(reader.GetOrdinal("last_error")) ? null : Text(reader, "last_error"));
    }

    /// <summary>A command as a row of <c>SELECT * FROM commands</c> reads.</summary>
    public static CommandJob ReadCommand(DbDataReader reader)
    {
        var request = new CommandRequest(
            Long(reader, "installation_id"),
            Long(reader, "repository_id"),
            Text(reader, "owner"),
            Text(reader, "name"),
            Int(reader, "pull_number"),
            Text(reader, "clone_url"),
            Text(reader, "default_branch"),
            Long(reader, "comment_id"),
            Text(reader, "author"),
            Text(reader, "author_association"),
            Text(reader, "command"),
            NullableText(reader, "delivery_id"),
            NullableText(reader, "trace_parent"));
        return new CommandJob(Long(reader, "id"), request, Int(reader, "attempts"));
    }

    private static long Long(DbDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    private static int Int(DbDataReader reader, string column) => reader.GetInt32(reader.GetOrdinal(column));

    private static string Text(DbDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    private static string? NullableText(DbDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    private static long? NullableLong(DbDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt64(reader.GetOrdinal(column));
}
