using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class InsecureRandomSecretTests
{
    private const string Id = "RBPY111";

    [Fact]
    public void FlagsModuleRandomInAFunctionThatMakesASecret_DjangoGetRandomStringShape()
    {
        var finding = Assert.Single(Findings(Id, """
            import random

            RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

            def get_random_token(length=12, allowed_chars=RANDOM_STRING_CHARS):
                if length < 1:
                    raise ValueError(length)
                else:
                    return "".join(random.choice(allowed_chars) for i in range(length))
            """));
        Assert.Equal(9, finding.StartLine);
        Assert.Equal("The function 'get_random_token' makes its result with 'random.choice', which is predictable; use the secrets module.", finding.Message);
    }

    [Fact]
    public void FlagsRandomThatReachesTheResultThroughNames() => Assert.Equal([6, 12, 16], Lines(Id, """
        import random
        from random import choice
        def generate_password(length):
            chars = []
            for _ in range(length):
                chars.append(random.choice(ALPHABET))
            password = "".join(chars)
            return password
        def make_salt():
            salt = ""
            while len(salt) < 16:
                salt += random.choice(CHARS)
            return salt
        class Keys:
            def new_api_key(self):
                key = "".join(choice(CHARS) for _ in range(32))
                return key.upper()
        """));

    [Fact]
    public void FlagsRandomAssignedToASecretNameOnceAndWithAlias() => Assert.Equal([3, 4, 6], Lines(Id, """
        import random as rnd
        def setup(user):
            user.reset_token = rnd.getrandbits(128)
            csrfToken = str(rnd.randint(0, 10**9))
            nonce: int = 0
            session_key = rnd.randbytes(16)
            return user
        """));

    [Fact]
    public void NoFinding_RandomRebound()
    {
        // Django before 3.1: the module name is rebound to a SystemRandom instance at import time.
        Assert.Empty(Lines(Id, """
            import random
            try:
                random = random.SystemRandom()
                using_sysrandom = True
            except NotImplementedError:
                using_sysrandom = False

            def get_random_token(length=12, allowed_chars="abc"):
                return "".join(random.choice(allowed_chars) for i in range(length))
            """));
        Assert.Empty(Lines(Id, """
            import random
            def make_token(random=random.SystemRandom()):
                return "".join(random.choice("abc") for _ in range(8))
            def make_salt():
                rng = random.SystemRandom()
                return "".join(rng.choice("abc") for _ in range(8))
            def make_nonce():
                return random.SystemRandom().getrandbits(64)
            """));
    }

    [Fact]
    public void NoFinding_SecretsOrUrandomUsed() => Assert.Empty(Lines(Id, """
        import os
        import random
        import secrets
        def generate_password(length=None):
            length = length or random.randint(12, 16)
            return "".join(secrets.choice(ALPHABET) for _ in range(length))
        def make_token():
            token = secrets.token_hex(random.randint(8, 16))
            return token
        def make_salt():
            prefix = random.choice("ab")
            return prefix + os.urandom(8).hex()
        """));

    [Fact]
    public void NoFinding_DelaysJitterAndShuffles() => Assert.Empty(Lines(Id, """
        import random
        import time
        def refresh_token(self):
            delay = random.random() * 2
            time.sleep(delay)
            if random.random() < 0.1:
                self.rotate()
            return self.client.fetch()
        def token_retry_delay(attempt):
            return min(60, 2 ** attempt) + random.random()
        def make_password_list():
            words = list(WORDS)
            random.shuffle(words)
            return words
        password_length = random.randint(8, 16)
        token_index = random.randint(0, 10)
        tokens = random.sample(VOCAB, 5)
        def tokenize(text):
            return random.sample(text.split(), 3)
        """));

    [Fact]
    public void NoFinding_BareTokenInAFunctionThatMakesNoSecret() => Assert.Empty(Lines(Id, """
        import random
        import sys
        def _make_boundary(cls, text=None):
            token = random.randrange(sys.maxsize)
            boundary = ('=' * 15) + (_fmt % token) + '=='
            return boundary
        """));

    [Fact]
    public void FlagsBareTokenAtModuleLevelOrInAFunctionThatMakesSecrets() => Assert.Equal([2, 4], Lines(Id, """
        import random
        token = random.getrandbits(64)
        def new_session_token(store):
            token = random.getrandbits(64)
            store.save(token)
        """));

    [Fact]
    public void NoFinding_TestFileAndTestFunction()
    {
        Assert.Empty(Lines(Id, """
            import random
            def make_token():
                return "".join(random.choice("abc") for _ in range(8))
            password = "".join(random.choice("abc") for _ in range(8))
            """, path: "tests/test_auth.py"));
        Assert.Empty(Lines(Id, """
            import random
            def test_token_roundtrip():
                return "".join(random.choice("abc") for _ in range(8))
            """));
    }

    [Fact]
    public void NoFinding_RandomNotTheImportedModule() => Assert.Empty(Lines(Id, """
        def make_token(random):
            return random.choice("abc")
        def make_salt():
            return rng.choice("abc")
        """));

    [Theory]
    [InlineData("reset_token", true)]
    [InlineData("csrfToken", true)]
    [InlineData("authtoken", true)]
    [InlineData("api_key", true)]
    [InlineData("SECRET_KEY", true)]
    [InlineData("totp", true)]
    [InlineData("generate_password", true)]
    [InlineData("tokenizer", false)]
    [InlineData("tokens", false)]
    [InlineData("cache_key", false)]
    [InlineData("monkey", false)]
    [InlineData("password_length", false)]
    [InlineData("token_type", false)]
    [InlineData("get_random_string", false)]
    public void SecretNamesAreWords(string name, bool secret) =>
        Assert.Equal(secret, ReviewBot.Python.Rules.Security.InsecureRandomSecret.IsSecretName(name));
}
