using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

// The end-to-end App tests once more, with the App's jobs in a PostgreSQL database of their own: each class runs every
// test of the class it derives from (its OnPostgres is true), and is reported as not run without a server outside CI.

public sealed class EndToEndTestsOnPostgres : EndToEndTests, IRunsOnPostgres;

public sealed class OutOfOrderDeliveryTestsOnPostgres : OutOfOrderDeliveryTests, IRunsOnPostgres;

public sealed class RepositoryLifecycleTestsOnPostgres : RepositoryLifecycleTests, IRunsOnPostgres;

public sealed class WebhookIntakeTestsOnPostgres : WebhookIntakeTests, IRunsOnPostgres;

public sealed class ConversationTestsOnPostgres : ConversationTests, IRunsOnPostgres;

public sealed class ServeProcessTestsOnPostgres : ServeProcessTests, IRunsOnPostgres;
