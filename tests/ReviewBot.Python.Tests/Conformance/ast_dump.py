"""Dumps, for each Python file CPython accepts, its definitions and imports as JSON.

Reads file paths (one a line) from stdin. For each file that ast.parse accepts, writes one JSON object a line:
{"path": ..., "items": ["def NAME LINE", "class NAME LINE", "import NAME LINE", "from MODULE NAME LINE", ...]}.
Files CPython rejects are written with "rejected": true and no items.
"""
import ast
import json
import sys
import warnings


def items_of(tree):
    items = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            items.append("def %s %d" % (node.name, node.lineno))
        elif isinstance(node, ast.ClassDef):
            items.append("class %s %d" % (node.name, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                items.append("import %s %d" % (alias.name, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                items.append("from %s %s %d" % (module, alias.name, node.lineno))
    return sorted(items)


def main():
    warnings.simplefilter("ignore")
    out = sys.stdout
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            with open(path, "rb") as handle:
                source = handle.read()
            tree = ast.parse(source, filename=path)
        except (SyntaxError, ValueError, UnicodeDecodeError):
            out.write(json.dumps({"path": path, "rejected": True}) + "\n")
            continue
        out.write(json.dumps({"path": path, "items": items_of(tree)}) + "\n")


if __name__ == "__main__":
    main()
