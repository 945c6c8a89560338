using static ReviewBot.Python.Tests.PythonTestKit;

namespace ReviewBot.Python.Tests.Rules;

public sealed class UnusedImportTests
{
    private const string Id = "RBPY401";

    [Fact]
    public void NoFinding_TypeCheckingImportUsedInAStringForwardReferenceOfATypeAlias() => Assert.Empty(Lines("RBPY401", """
        from typing import TYPE_CHECKING, TypeAlias
        import typing
        if TYPE_CHECKING:
            from nova.objects import Instance, Migration
        InstanceOrNone: TypeAlias = "Instance | None"
        Migrations: typing.TypeAlias = list["Migration"]
        """));

    [Fact]
    public void TypeCheckingImport_UsedOnlyInAPlainStringValue_IsFlagged() => Assert.Equal([3], Lines("RBPY401", """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from nova.objects import Instance
        LABEL = "Instance"
        """));

    [Fact]
    public void FlagsUnusedModuleImportWithMessageAndSuggestion()
    {
        var findings = Findings(Id, """
            import os
            import sys

            print(sys.argv)
            """);
        var finding = Assert.Single(findings);
        Assert.Equal(1, finding.StartLine);
        Assert.Equal("The 'os' module is imported but not used.", finding.Message);
        Assert.Equal(new(1, 1, "", "Remove the unused import."), finding.Suggestion);
    }

    [Fact]
    public void OneSuggestionRemovesEveryUnusedNameOfAStatement()
    {
        var findings = Findings(Id, """
            from os import path, sep, getcwd as cwd
            import re, sys
            def f():
                from json import dumps, loads
                return sep, sys, loads
            """);
        Assert.Equal([1, 1, 2, 4], findings.Select(f => f.StartLine));
        Assert.Equal("from os import sep", findings[0].Suggestion!.Replacement);
        Assert.Null(findings[1].Suggestion);
        Assert.Equal("import sys", findings[2].Suggestion!.Replacement);
        Assert.Equal("    from json import loads", findings[3].Suggestion!.Replacement);
    }

    [Fact]
    public void NoqaOnTheFirstLineOfAMultiLineImportSuppresses() => Assert.Empty(Lines(Id, """
        from os import (  # noqa: F401
            path,
        )
        """));

    [Fact]
    public void FlagsUnusedFromImportNameOnItsOwnLine()
    {
        var findings = Findings(Id, """
            from os import (
                path,
                sep,
            )
            print(sep)
            """);
        var finding = Assert.Single(findings);
        Assert.Equal(2, finding.StartLine);
        Assert.Equal("The name 'path' imported from 'os' is not used.", finding.Message);
        Assert.Null(finding.Suggestion);
    }

    [Fact]
    public void FlagsAliasAndDottedImports()
    {
        Assert.Equal([1, 2], Lines(Id, """
            import numpy as np
            import os.path
            import xml.dom
            xml.dom.minidom
            """));
    }

    [Fact]
    public void FlagsImportInFunctionScope() => Assert.Equal([2], Lines(Id, """
        def f():
            import json
            return 1
        """));

    [Fact]
    public void FlagsModuleImportShadowedByClassAttribute_ClassNamesDoNotLeak() => Assert.Equal([1], Lines(Id, """
        import json
        class C:
            json = None
            x = json
        """));

    [Fact]
    public void NoFinding_ClassLevelImportIsAnAttribute() => Assert.Empty(Lines(Id, """
        class C:
            from os.path import join
        """));

    [Fact]
    public void NoFinding_ClassScopeDoesNotHideModuleImportFromMethods() => Assert.Empty(Lines(Id, """
        import json
        class C:
            json = None
            def m(self):
                return json.dumps({})
        """));

    [Fact]
    public void NoFinding_TypeCommentAndSubmoduleOfImportedPackage() => Assert.Empty(Lines(Id, """
        import multiprocessing as mp
        import multiprocessing.connection
        from typing import List
        def f(x):
            # type: (int) -> List[int]
            return mp
        """));

    [Fact]
    public void FlagsUnusedImportUnderTypeChecking() => Assert.Equal([3], Lines(Id, """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from collections import OrderedDict
        """));

    [Fact]
    public void NoFinding_UsedInNestedFunction() => Assert.Empty(Lines(Id, """
        import os
        def f():
            def g():
                return os.sep
            return g
        """));

    [Fact]
    public void NoFinding_UsedInLambdaAndComprehension() => Assert.Empty(Lines(Id, """
        import os, re
        f = lambda: os.sep
        xs = [re.escape(x) for x in "ab"]
        """));

    [Fact]
    public void NoFinding_ListedInAll() => Assert.Empty(Lines(Id, """
        from .a import b, c, d
        __all__ = ['b']
        __all__ += ['c']
        __all__.extend(['d'])
        """));

    [Fact]
    public void NoFinding_UsedOnlyInStringAnnotation() => Assert.Empty(Lines(Id, """
        from typing import TYPE_CHECKING, Optional
        if TYPE_CHECKING:
            from decimal import Decimal
            from fractions import Fraction
        def f(x: "Decimal") -> Optional["Fraction"]:
            return x
        """));

    [Fact]
    public void NoFinding_UsedInAnnotationNamedLikeParameter() => Assert.Empty(Lines(Id, """
        from datetime import date
        def f(date: date):
            return date
        """));

    [Fact]
    public void NoFinding_TryExceptImportErrorAvailabilityCheck() => Assert.Empty(Lines(Id, """
        try:
            import simplejson as json
        except ImportError:
            import json
        try:
            import yaml
            HAVE_YAML = True
        except ImportError:
            HAVE_YAML = False
        print(json.dumps({}), HAVE_YAML)
        """));

    [Fact]
    public void NoFinding_FallbackImportInImportErrorHandler() => Assert.Empty(Lines(Id, """
        try:
            import StringIO
        except ImportError:
            import io as StringIO
        try:
            from cPickle import loads
        except (ImportError, AttributeError):
            from pickle import loads
        try:
            if True:
                import tomllib as toml
        except ModuleNotFoundError:
            try:
                import tomli as toml
            except ImportError:
                toml = None
        """, path: "tests/compat.py"));

    [Fact]
    public void FlagsHandlerImportThatIsNoFallback() => Assert.Equal([4, 9], Lines(Id, """
        try:
            import StringIO
        except ImportError:
            import sys
            StringIO = None
        try:
            import cStringIO
        except ValueError:
            import io as cStringIO
        """));

    [Fact]
    public void FlagsFallbackNameOfAnotherFunction() => Assert.Equal([6], Lines(Id, """
        try:
            import simplejson as json
        except ImportError:
            json = None
            def load():
                import json
                return 1
        """));

    [Fact]
    public void NoFinding_ImportIsTheActionUnderTest() => Assert.Empty(Lines(Id, """
        import pytest
        from pytest import raises
        import unittest

        def test_unimportable():
            with pytest.raises(AttributeError):
                import unimportable
            with raises(ImportError, match="x"):
                from pkg import missing

        class T(unittest.TestCase):
            def test_missing(self):
                with self.assertRaises(ImportError):
                    import missing_module
                with self.assertRaisesRegex(ImportError, "no module"):
                    from pkg import gone
        """, path: "tests/test_imports.py"));

    [Fact]
    public void FlagsImportUnderOtherContextManagerOrAfterTheRaisesBlock() => Assert.Equal([6, 9], Lines(Id, """
        import pytest
        from unittest import mock

        def test_it():
            with mock.patch("os.getcwd"), open("f") as f:
                import json
            with pytest.raises(ValueError):
                f.read()
            import csv
        """, path: "tests/test_it.py"));

    [Fact]
    public void NoFinding_FutureImportAndReexportForms() => Assert.Empty(Lines(Id, """
        from __future__ import annotations
        import a as a
        from b import c as c
        """));

    [Fact]
    public void NoFinding_InitModuleReexports() => Assert.Empty(Lines(Id, """
        from .core import Engine
        import json
        """, path: "pkg/__init__.py"));

    [Fact]
    public void FlagsUnusedImportInsideFunctionOfInitModule() => Assert.Equal([2], Lines(Id, """
        def f():
            import json
        """, path: "pkg/__init__.py"));

    [Fact]
    public void NoFinding_DeletedImportAndGlobalUse() => Assert.Empty(Lines(Id, """
        import os
        del os
        def f():
            global sys
            import sys
        def g():
            return sys.argv
        """));

    [Fact]
    public void NoFinding_UsedInFStringDecoratorAndDefault() => Assert.Empty(Lines(Id, """
        import functools, os, sys
        @functools.lru_cache
        def f(sep=os.sep):
            return f"{sys.argv!r:>{sep}}"
        """));

    [Fact]
    public void NoFinding_StarImportModuleStillFlagsNamedImport() => Assert.Equal([2], Lines(Id, """
        from os import *
        import json
        """));

    [Fact]
    public void NoFinding_AugmentedAssignmentReadsTheName() => Assert.Empty(Lines(Id, """
        from m import counter
        def f():
            global counter
            counter += 1
        """));

    [Fact]
    public void NoQuaBareAndWithCodesSuppress()
    {
        Assert.Equal([3], Lines(Id, """
            import os  # noqa
            import re  # noqa: F401
            import sys  # noqa: E501
            import json  # noqa:RBPY401
            """));
    }

    [Fact]
    public void NoFinding_ConditionalAlternativesOneUsed() => Assert.Empty(Lines(Id, """
        import sys
        if sys.version_info >= (3, 8):
            from typing import Literal
        else:
            from typing_extensions import Literal
        X = Literal["a"]
        """));

    [Fact]
    public void NoFinding_StubFile() => Assert.Empty(Lines(Id, "import os\n", path: "pkg/module.pyi"));
}
