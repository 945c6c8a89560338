using System.Globalization;
using Npgsql;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// Reads the operator's connection string: Npgsql's <c>Host=...;Database=...</c> form, or the <c>postgres://</c> URL that
/// hosting providers hand out (<c>postgres://user:password@host:5432/db?sslmode=require</c>). Errors never quote the
/// text, which holds the password.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>The builder for <paramref name="text"/>; <see cref="FormatException"/> when it is neither form.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        var trimmed = text.Trim();
        var builder = trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(trimmed)
            : FromKeywords(trimmed);
        if (string.IsNullOrWhiteSpace(builder.Host)) throw new FormatException("it names no host (Host=... or postgres://HOST/...)");
        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's message can quote a value; say only what the form should be.
            throw new FormatException("it is neither Host=...;Database=...;Username=... nor a postgres:// URL", e);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            throw new FormatException("the postgres:// URL is malformed (postgres://USER:PASSWORD@HOST:PORT/DATABASE)");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host };
        if (url.Port > 0) builder.Port = url.Port;
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (url.UserInfo.Length > 0)
        {
            var separator = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? url.UserInfo : url.UserInfo[..separator]);
            if (separator >= 0) builder.Password = Uri.UnescapeDataString(url.UserInfo[(separator + 1)..]);
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the postgres:// URL's option '{key}' is not one Npgsql knows, or its value is wrong"), e);
            }
        }

        return builder;
    }
}
