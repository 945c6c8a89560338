using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// SQL text built by interpolation, concatenation or <c>string.Format</c> with non-constant parts (directly, or through a
/// local initialised so) that reaches a command: the first argument of <c>new SqlCommand(...)</c> (any ADO.NET
/// <c>*Command</c>), an assignment to <c>CommandText</c>, EF Core's <c>ExecuteSqlRaw</c>/<c>FromSqlRaw</c>/<c>SqlQueryRaw</c>,
/// or Dapper's <c>Query*</c>/<c>Execute*</c> on a connection. EF Core's <c>FromSql</c>/<c>ExecuteSql</c> with an
/// interpolated string are safe (they parameterise) and are not reported.
/// </summary>
/// <why>
/// A value pasted into SQL text can change the statement: SQL injection lets an attacker read or destroy the database.
/// Parameters keep data apart from the statement, and let the database reuse its plan.
/// </why>
/// <example>
/// <code>
/// var command = new SqlCommand($"SELECT * FROM Users WHERE Name = '{name}'", connection);
/// </code>
/// </example>
/// <fix>
/// <code>
/// var command = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);
/// command.Parameters.AddWithValue("@name", name);
/// </code>
/// </fix>
internal sealed class SqlInjection() : CSharpRule("RBCS105", Category.Security, Severity.Error, "SQL built from variables")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA2100"];

    private static readonly HashSet<string> CommandTypes = new(StringComparer.Ordinal)
    {
        "SqlCommand", "SqliteCommand", "NpgsqlCommand", "MySqlCommand", "OracleCommand", "OleDbCommand", "OdbcCommand", "SqlCeCommand", "DB2Command", "FbCommand",
    };

    private static readonly HashSet<string> EfRawMethods = new(StringComparer.Ordinal)
    {
        "ExecuteSqlRaw", "ExecuteSqlRawAsync", "FromSqlRaw", "SqlQueryRaw",
    };

    private static readonly HashSet<string> DapperMethods = new(StringComparer.Ordinal)
    {
        "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle",
        "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync", "Execute",
        "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync",
    };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.ObjectCreationExpression, SyntaxKind.SimpleAssignmentExpression, SyntaxKind.InvocationExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        switch (node)
        {
            case ObjectCreationExpressionSyntax creation when creation.ArgumentList?.Arguments.Count > 0 && IsCommandType(creation, file):
                Check(file, creation.ArgumentList.Arguments[0].Expression, "new " + TypeName(creation.Type));
                break;
            case AssignmentExpressionSyntax assignment when assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "CommandText" }
                or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" }:
                if (IsCommandText(assignment.Left, file)) Check(file, assignment.Right, "CommandText");
                break;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation when invocation.ArgumentList.Arguments.Count > 0:
                var name = access.Name.Identifier.ValueText;
                if (EfRawMethods.Contains(name) || (DapperMethods.Contains(name) && IsConnection(access.Expression, file)))
                {
                    Check(file, invocation.ArgumentList.Arguments[0].Expression, name);
                }

                break;
        }
    }

    private void Check(FileContext file, ExpressionSyntax sql, string sink)
    {
        if (StringBuilding.FromVariables(sql, file.Model, file.CancellationToken) is not { } built) return;
        file.Report(this, sql, $"SQL text passed to '{sink}' is built from '{StringBuilding.Describe(built.Part)}' by {built.How}; pass values as parameters.");
    }

    private static string TypeName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => type.ToString(),
    };

    private static bool IsCommandType(ObjectCreationExpressionSyntax creation, FileContext file)
    {
        if (!TypeName(creation.Type).EndsWith("Command", StringComparison.Ordinal)) return false;
        var type = file.Model.GetTypeInfo(creation, file.CancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error) return CommandTypes.Contains(TypeName(creation.Type));
        return Implements(type, "System.Data.IDbCommand");
    }

    private static bool IsCommandText(ExpressionSyntax left, FileContext file)
    {
        var symbol = file.Model.GetSymbolInfo(left, file.CancellationToken).Symbol;
        if (symbol is IPropertySymbol { ContainingType: var owner }) return Implements(owner, "System.Data.IDbCommand");
        // Unresolved: trust the name only on a receiver whose type is named like an ADO.NET command.
        var receiver = left is MemberAccessExpressionSyntax access ? file.Model.GetTypeInfo(access.Expression, file.CancellationToken).Type : null;
        if (left is IdentifierNameSyntax && left.Parent?.Parent is InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax created })
        {
            receiver = file.Model.GetTypeInfo(created, file.CancellationToken).Type;
            return receiver is not null && (CommandTypes.Contains(receiver.Name) || Implements(receiver, "System.Data.IDbCommand"));
        }

        return receiver is not null && CommandTypes.Contains(receiver.Name);
    }

    private static bool IsConnection(ExpressionSyntax receiver, FileContext file)
    {
        var type = file.Model.GetTypeInfo(receiver, file.CancellationToken).Type;
        if (type is null) return false;
        if (type.TypeKind == TypeKind.Error) return type.Name.EndsWith("Connection", StringComparison.Ordinal) && type.Name != "HubConnection";
        return Implements(type, "System.Data.IDbConnection");
    }

    private static bool Implements(ITypeSymbol type, string interfaceName) =>
        Symbols.FullName(type) == interfaceName || type.AllInterfaces.Any(i => Symbols.FullName(i) == interfaceName);
}
