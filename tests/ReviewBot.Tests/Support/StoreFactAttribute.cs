using Xunit.Abstractions;
using Xunit.Sdk;

namespace ReviewBot.Tests.Support;

/// <summary>A test class whose tests run on PostgreSQL (<see cref="PostgresTestServer"/>).</summary>
internal interface IRunsOnPostgres;

/// <summary>
/// A test that runs on each job store: as a <see cref="FactAttribute"/>, except that in a class for PostgreSQL
/// (<see cref="IRunsOnPostgres"/>) it is reported as not run, with the reason, when no server was given outside CI.
/// </summary>
[XunitTestCaseDiscoverer("ReviewBot.Tests.Support.StoreFactDiscoverer", "ReviewBot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>As <see cref="StoreFactAttribute"/>, for a theory.</summary>
[XunitTestCaseDiscoverer("ReviewBot.Tests.Support.StoreTheoryDiscoverer", "ReviewBot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [new StoreTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

internal static class StoreSkip
{
    public static string? Reason(ITestMethod method) =>
        typeof(IRunsOnPostgres).IsAssignableFrom(method.TestClass.Class.ToRuntimeType()) ? PostgresTestServer.SkipReason : null;
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[]? arguments = null)
        : base(sink, display, options, method, arguments)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => base.GetSkipReason(factAttribute) ?? StoreSkip.Reason(TestMethod)!;
}

public sealed class StoreTheoryTestCase : XunitTheoryTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTheoryTestCase()
    {
    }

    public StoreTheoryTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => base.GetSkipReason(factAttribute) ?? StoreSkip.Reason(TestMethod)!;
}
