using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class SecurityRuleTests
{
    [Theory]
    [InlineData("RBPY101", "x = input()\nvalue = eval(x)\n", 2)]
    [InlineData("RBPY101", "exec(f\"print({1})\")\n", 1)]
    [InlineData("RBPY102", "import subprocess\nsubprocess.run(f\"tar xf {path}\", shell=True)\n", 2)]
    [InlineData("RBPY102", "import os\nos.system(\"rm \" + path)\n", 2)]
    [InlineData("RBPY102", "from os import popen\npopen(cmd)\n", 2)]
    [InlineData("RBPY102", "import subprocess as sp\nsp.Popen(command, shell=True)\n", 2)]
    [InlineData("RBPY103", "import pickle\nstate = pickle.loads(data)\n", 2)]
    [InlineData("RBPY103", "from marshal import load\nx = load(f)\n", 2)]
    [InlineData("RBPY103", "import shelve\ndb = shelve.open(path)\n", 2)]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.load(stream)\n", 2)]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.load(stream, Loader=yaml.FullLoader)\n", 2)]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.unsafe_load(stream)\n", 2)]
    [InlineData("RBPY105", "import hashlib\nd = hashlib.md5(p)\n", 2)]
    [InlineData("RBPY105", "import hashlib\nd = hashlib.new('SHA1', p)\n", 2)]
    [InlineData("RBPY106", "DB_PASSWORD = \"hunter2!\"\n", 1)]
    [InlineData("RBPY106", "client = Client(api_token=\"f3a9c2d1e5\")\n", 1)]
    [InlineData("RBPY106", "self.secret_key = 'abcd1234'\n", 1)]
    [InlineData("RBPY107", "import requests\nr = requests.get(url, verify=False)\n", 2)]
    [InlineData("RBPY107", "r = session.post(url, verify=False)\n", 1)]
    [InlineData("RBPY108", "import ssl\nctx = ssl._create_unverified_context()\n", 2)]
    [InlineData("RBPY108", "import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n", 2)]
    [InlineData("RBPY109", "import tempfile\npath = tempfile.mktemp()\n", 2)]
    [InlineData("RBPY110", "cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n", 1)]
    [InlineData("RBPY110", "cursor.execute(\"DELETE FROM t WHERE id = %s\" % item_id)\n", 1)]
    [InlineData("RBPY110", "db.execute(\"UPDATE t SET a = {}\".format(a))\n", 1)]
    [InlineData("RBPY110", "db.executemany(\"INSERT INTO t VALUES (\" + values + \")\")\n", 1)]
    [InlineData("RBPY111", "import random\ntoken = ''.join(random.choice(ALPHABET) for _ in range(32))\n", 2)]
    [InlineData("RBPY111", "import random\ndef make_password():\n    return str(random.randint(0, 10**9))\n", 3)]
    [InlineData("RBPY112", "app.run(host=\"0.0.0.0\", port=8080)\n", 1)]
    [InlineData("RBPY112", "sock.bind((\"0.0.0.0\", 80))\n", 1)]
    [InlineData("RBPY112", "LISTEN_ADDRESS = \"0.0.0.0\"\n", 1)]
    public void FlagsInsecurePattern(string id, string source, int line) => Assert.Equal([line], Lines(id, source));

    [Theory]
    [InlineData("RBPY101", "value = eval(\"1 + 2\")\n")]
    [InlineData("RBPY101", "def eval(x):\n    return x\neval(y)\n")]
    [InlineData("RBPY101", "model.eval(x)\n")]
    [InlineData("RBPY102", "import subprocess\nsubprocess.run([\"ls\", path])\n")]
    [InlineData("RBPY102", "import subprocess\nsubprocess.run(\"ls -l | wc -l\", shell=True)\n")]
    [InlineData("RBPY102", "import os\nos.system(\"make clean\")\n")]
    [InlineData("RBPY102", "import subprocess\nsubprocess.run(cmd, shell=False)\n")]
    [InlineData("RBPY103", "import json\nstate = json.loads(data)\n")]
    [InlineData("RBPY103", "import pickle\ndata = pickle.dumps(state)\n")]
    [InlineData("RBPY103", "import pickle\ncopy = pickle.loads(pickle.dumps(state, protocol=5))\n")]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.safe_load(stream)\n")]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.load(stream, Loader=yaml.SafeLoader)\n")]
    [InlineData("RBPY104", "import yaml\nconfig = yaml.load(stream, yaml.CSafeLoader)\n")]
    [InlineData("RBPY105", "import hashlib\nd = hashlib.md5(body, usedforsecurity=False)\n")]
    [InlineData("RBPY105", "import hashlib\nd = hashlib.sha256(p)\n")]
    [InlineData("RBPY106", "password = os.environ[\"PASSWORD\"]\n")]
    [InlineData("RBPY106", "password = \"\"\n")]
    [InlineData("RBPY106", "PASSWORD_PROMPT = \"Enter password:\"\n")]
    [InlineData("RBPY106", "password = input(\"Password: \")\n")]
    [InlineData("RBPY106", "TOKEN = \"token\"\n")]
    [InlineData("RBPY106", "token_type = \"bearer\"\n")]
    [InlineData("RBPY106", "password_field = \"hunter2!\"\n")]
    [InlineData("RBPY106", "secret = \"********\"\n")]
    [InlineData("RBPY107", "r = requests.get(url, verify=True)\n")]
    [InlineData("RBPY107", "parser.parse(text, verify=False)\n")]
    [InlineData("RBPY108", "import ssl\nctx = ssl.create_default_context()\n")]
    [InlineData("RBPY109", "import tempfile\nfd, path = tempfile.mkstemp()\n")]
    [InlineData("RBPY110", "cursor.execute(\"SELECT * FROM users WHERE name = %s\", (name,))\n")]
    [InlineData("RBPY110", "executor.execute(f\"run {job}\")\n")]
    [InlineData("RBPY111", "import random\ndelay = random.uniform(0, 1)\n")]
    [InlineData("RBPY111", "import secrets\ntoken = secrets.token_hex(16)\n")]
    [InlineData("RBPY112", "app.run(host=\"127.0.0.1\")\n")]
    [InlineData("RBPY112", "print(\"0.0.0.0\")\n")]
    public void NoFinding_SafeLookAlike(string id, string source) => Assert.Empty(Lines(id, source));

    [Fact]
    public void NoFinding_HardcodedPasswordInTestFile() =>
        Assert.Empty(Lines("RBPY106", "password = \"hunter2!\"\n", path: "tests/test_login.py"));

    [Fact]
    public void InTestCode_ARiskThatNeedsAProductionPathIsAWarningMarkedAsInTestCode_AHardcodedPasswordRuleIsNot()
    {
        const string Source = "import requests, ssl\ndef test_download():\n    r = requests.get(url, verify=False)\n    ctx = ssl._create_unverified_context()\n";
        var inTests = Findings("RBPY107", Source, path: "tests/test_download.py").Concat(Findings("RBPY108", Source, path: "tests/test_download.py")).ToList();
        var inLibrary = Findings("RBPY107", Source, path: "app/download.py").Concat(Findings("RBPY108", Source, path: "app/download.py")).ToList();

        Assert.Equal(["RBPY107 Warning True", "RBPY108 Warning True"], inTests.Select(f => $"{f.RuleId} {f.Severity} {f.InTestCode}"));
        Assert.Equal(["RBPY107 Error False", "RBPY108 Error False"], inLibrary.Select(f => $"{f.RuleId} {f.Severity} {f.InTestCode}"));
        Assert.Null(ReviewBot.Python.Rules.Security.HardcodedPassword.Rule.TestCodeSeverity);
    }

    [Theory]
    [InlineData("def test_session_no_verify():\n    s.get(url, verify=False)\n")]
    [InlineData("class TestTLSSettings:\n    def test_pool(self):\n        s.get(url, verify=False)\n")]
    [InlineData("def test_certs():\n    def fetch():\n        return s.get(url, verify=False)\n")]
    public void NoFinding_VerifyFalseInATestOfTheVerificationOption(string source) =>
        Assert.Empty(Lines("RBPY107", source, path: "tests/test_client.py"));

    [Fact]
    public void VerifyFalse_InATestOfSomethingElseOrInALibraryFunctionNamedForTls_IsReported()
    {
        Assert.Equal([2], Lines("RBPY107", "def test_download_retries():\n    s.get(url, verify=False)\n", path: "tests/test_client.py"));
        Assert.Equal([2], Lines("RBPY107", "def fetch_without_tls_verify():\n    s.get(url, verify=False)\n", path: "app/client.py"));
    }

    [Fact]
    public void NoFinding_NosecComment() => Assert.Empty(Lines("RBPY103", "import pickle\nx = pickle.loads(d)  # nosec\n"));

    [Fact]
    public void MessageNamesTheCallAndTheFix()
    {
        var finding = Assert.Single(Findings("RBPY104", "import yaml\nconfig = yaml.load(stream)\n"));
        Assert.Equal("The call to 'yaml.load' uses the default loader, which can construct arbitrary Python objects; use yaml.safe_load or Loader=yaml.SafeLoader.", finding.Message);
        Assert.Equal(ReviewBot.Engine.Findings.Category.Security, finding.Category);
    }
}
