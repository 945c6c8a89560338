using NUnit.Framework;

namespace Shop.Tests;

public sealed class ClientTests
{
    private HttpClient _client = null!;

    [SetUp]
    public void Create() => _client = new HttpClient(); // expect RBCS905

    [TearDown]
    public void Destroy() => _client.Dispose();

    [Test]
    public void Sends() => Assert.That(_client, Is.Not.Null);
}
