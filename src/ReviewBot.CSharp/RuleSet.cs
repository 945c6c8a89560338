using ReviewBot.CSharp.Analysis;
using ReviewBot.CSharp.Rules.Assertions;
using ReviewBot.CSharp.Rules.Complexity;
using ReviewBot.CSharp.Rules.Documentation;
using ReviewBot.CSharp.Rules.FunctionLength;
using ReviewBot.CSharp.Rules.Logging;
using ReviewBot.CSharp.Rules.Naming;
using ReviewBot.CSharp.Rules.Security;
using ReviewBot.CSharp.Rules.TestStyle;
using ReviewBot.CSharp.Rules.UnusedCode;

namespace ReviewBot.CSharp;

/// <summary>Every C# rule, one instance each (rules are stateless).</summary>
internal static class RuleSet
{
    public static IReadOnlyList<CSharpRule> Create() =>
    [
        new HardCodedCredential(),
        new WeakHashAlgorithm(),
        new WeakCipher(),
        new InsecureRandomSecret(),
        new SqlInjection(),
        new CertificateValidationDisabled(),
        new InsecureDeserializer(),
        new UnsafeTypeNameHandling(),
        new XmlDtdProcessingEnabled(),
        new ProcessStartWithVariableCommand(),
        new NonPascalCaseMethodName(),
        new NonPascalCaseTypeName(),
        new NonPascalCaseMemberName(),
        new NonCamelCaseLocalOrParameter(),
        new InconsistentPrivateFieldPrefix(),
        new InterfaceWithoutIPrefix(),
        new MissingXmlDocumentation(),
        new UnusedUsingDirective(),
        new UnusedLocalVariable(),
        new UnusedPrivateMember(),
        new UnusedParameter(),
        new HighCyclomaticComplexity(),
        new DeepNesting(),
        new TooManyAssertions(),
        new BooleanAssertOfEquality(),
        new BooleanAssertOfContains(),
        new BooleanAssertOfNull(),
        new BooleanAssertOfEmpty(),
        new LiteralAsActualValue(),
        new BooleanAssertOfTypeCheck(),
        new InterpolatedLogMessage(),
        new ExceptionNotPassedToLogger(),
        new ConsoleWriteInLibraryCode(),
        new LongFunction(),
        new AsyncVoidTestMethod(),
        new ThreadSleepInTest(),
        new TestWithoutAssertion(),
        new PerTestExpensiveSetup(),
        new SetUpTearDownOfOneObject(),
    ];
}
