namespace ReviewBot.CSharp.Tests.Rules.Security;

public sealed class HardCodedCredentialTests
{
    private const string Id = "RBCS101";

    [Fact]
    public void Flags_SecretLiterals_AssignedToSecretNames_AndConnectionStringPasswords()
    {
        var findings = Verify.Flags(Id, """
            namespace Demo;

            public sealed class Settings
            {
                private const string ApiKey = [|"sk_live_4eC39HqLyjWDarjtT1zdp7dc";
                public string DbPassword { get; set; } = [|"Hunter2!";
                public string Connection => [|"Server=db;User Id=app;Password=Tr0ub4dor&3;";

                public void Configure(Client client)
                {
                    var accessToken = [|"ghp_16C7e42F292c6912E7710c838347Ae178B4a";
                    client.ClientSecret = [|"c1ient-s3cret-value";
                    client.Use(accessToken);
                }
            }

            public sealed class Client
            {
                public string ClientSecret { get; set; } = "";
                public void Use(string token) { }
            }
            """);
        Assert.Equal("'ApiKey' is assigned a hard-coded secret; read it from configuration or a secret store.", findings[0].Message);
        Assert.Contains("'Password=...'", findings[2].Message);
        Assert.DoesNotContain("Tr0ub4dor", findings[2].Message);
    }

    [Fact]
    public void NoFinding_KeyNamesPlaceholdersEmptyValuesAndNonSecretNames()
    {
        Verify.NoFinding(Id, """
            namespace Demo;

            public sealed class Settings
            {
                private const string ApiKey = "api_key";
                private const string PasswordKey = "Auth:Password";
                private const string ApiKeyHeader = "X-Api-Key-2";
                private const string TokenEndpoint = "https://login.example.com/oauth2/v2.0/token";
                public string Password { get; set; } = "";
                public string Secret { get; set; } = "{SECRET}";
                public string ClientSecret { get; set; } = "********";
                public string PasswordHash { get; set; } = "AQAAAAEAACcQAAAAE";
                public string Token { get; set; } = "Bearer";
                public string PasswordPrompt { get; set; } = "Enter your password:";
                public string Connection => "Server=db;Database=orders;Integrated Security=true;";
                public string Templated => "Server=db;User Id=app;Password={0};";
                public string EmptyPassword => "Server=db;User Id=app;Password=;";
                public string NotAConnectionString => "Password=Hunter2!";
                public string Value(string password) => password;
            }
            """);
    }

    [Fact]
    public void NoFinding_InTestCode()
    {
        Verify.NoFinding(Id, """
            namespace Demo.Tests;

            public sealed class LoginTests
            {
                private const string Password = "Hunter2!";
            }
            """, path: "tests/Demo.Tests/LoginTests.cs");
    }
}
