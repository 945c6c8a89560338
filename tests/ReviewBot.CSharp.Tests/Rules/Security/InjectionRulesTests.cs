namespace ReviewBot.CSharp.Tests.Rules.Security;

public sealed class SqlInjectionTests
{
    private const string Id = "RBCS105";

    [Fact]
    public void Flags_InterpolatedAndConcatenatedSql_ReachingCommands()
    {
        var findings = Verify.Flags(Id, """
            using System.Data;
            using System.Data.Common;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            using Dapper;

            namespace Demo;

            public sealed class Users(SqlConnection connection, DbContext context, IDbConnection db)
            {
                public void A(string name)
                {
                    var command = new SqlCommand([|$"SELECT * FROM Users WHERE Name = '{name}'", connection);
                }

                public void B(DbCommand command, string id)
                {
                    command.CommandText = [|"DELETE FROM Users WHERE Id = " + id;
                }

                public void C(string name)
                {
                    var sql = string.Format("SELECT * FROM Users WHERE Name = '{0}'", name);
                    context.Database.ExecuteSqlRaw([|sql);
                }

                public void D(string table)
                {
                    db.Query<int>([|$"SELECT COUNT(*) FROM {table}");
                }
            }
            """);
        Assert.Equal("SQL text passed to 'new SqlCommand' is built from 'name' by interpolation; pass values as parameters.", findings[0].Message);
        Assert.Contains("by concatenation", findings[1].Message);
        Assert.Contains("by string.Format", findings[2].Message);
    }

    [Fact]
    public void NoFinding_ParametersConstantsAndSafeInterpolatingApis()
    {
        Verify.NoFinding(Id, """
            using System.Data.Common;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;

            namespace Demo;

            public sealed class Users(SqlConnection connection, DbContext context, QueryBuilder builder)
            {
                private const string Table = "Users";

                public void A(string name)
                {
                    var command = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);
                    command.Parameters.AddWithValue("@name", name);
                }

                public void B(DbCommand command)
                {
                    command.CommandText = "DELETE FROM " + Table + " WHERE Id = @id";
                    command.CommandText = $"SELECT * FROM {Table}";
                }

                public void C(string name)
                {
                    context.Database.ExecuteSql($"SELECT * FROM Users WHERE Name = {name}");
                    context.Database.ExecuteSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}");
                }

                public void D(string name)
                {
                    builder.Query($"users named {name}");
                    var label = new Label($"Hello {name}");
                }
            }

            public sealed class QueryBuilder
            {
                public void Query(string text) { }
            }

            public sealed class Label(string text)
            {
                public string CommandText { get; set; } = text;
            }
            """);
    }
}

public sealed class ProcessStartWithVariableCommandTests
{
    private const string Id = "RBCS110";

    [Fact]
    public void Flags_CommandLinesBuiltFromVariables()
    {
        Verify.Flags(Id, """
            using System.Diagnostics;

            namespace Demo;

            public static class Git
            {
                public static void Clone(string url, string directory)
                {
                    Process.Start("git", [|$"clone {url} {directory}");
                    Process.Start([|"cmd.exe /c del " + directory);
                    var start = new ProcessStartInfo("git", [|"fetch " + url);
                    start.Arguments = [|$"pull {url}";
                }
            }
            """);
    }

    [Fact]
    public void NoFinding_ArgumentListConstantsAndPaths()
    {
        Verify.NoFinding(Id, """
            using System.Diagnostics;
            using System.IO;

            namespace Demo;

            public static class Git
            {
                private const string Verb = "status";

                public static void Run(string url, string directory)
                {
                    var start = new ProcessStartInfo("git") { ArgumentList = { "clone", url, directory } };
                    Process.Start(start);
                    Process.Start("git", "status --short");
                    Process.Start("git", $"{Verb} --short");
                    Process.Start(Path.Combine(directory, "tool.exe"));
                    Process.Start($"{directory}/tool.exe");
                }
            }
            """);
    }
}
