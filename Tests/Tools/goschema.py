"""Reads Terraform provider schemas out of Go source at a git revision, without a Go toolchain.

The providers declare each resource's attributes as Go composite literals (plugin SDKv2's
map[string]*schema.Schema, plugin framework's schema.Schema{Attributes, Blocks}). This module
tokenises Go, parses expressions into a small tree (composite literals, calls, function literals,
names) and resolves calls and names to the package-level functions, variables and constants they
refer to, across packages of the same module. It understands only what schema declarations use;
anything else it reports as unresolved rather than guessing.
"""

import re
import subprocess
import sys

TOKEN = re.compile(
    r"""(?P<space>[ \t\r]+)|(?P<newline>\n)|(?P<comment>//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<raw>`[^`]*`)|(?P<string>"(?:\\.|[^"\\\n])*")|(?P<char>'(?:\\.|[^'\\\n])+')"""
    r"""|(?P<number>\d[\w.]*)|(?P<name>[A-Za-z_]\w*)"""
    r"""|(?P<op>:=|\.\.\.|&&|\|\||==|!=|<=|>=|<-|[-+*/%&|^!<>=.,;:(){}\[\]])""",
    re.S,
)


class Tok:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line


def tokenize(source):
    tokens, line, pos = [], 1, 0
    while pos < len(source):
        match = TOKEN.match(source, pos)
        if not match:
            raise ValueError(f"cannot tokenise at line {line}: {source[pos:pos + 20]!r}")
        kind, text = match.lastgroup, match.group()
        if kind in ("raw", "string", "char", "number", "name", "op"):
            tokens.append(Tok(kind, text, line))
        line += text.count("\n")
        pos = match.end()
    return tokens


def string_value(tok):
    if tok.kind == "raw":
        return tok.text[1:-1]
    return bytes(tok.text[1:-1], "utf-8").decode("unicode_escape")


# Expression trees: ("comp", type, [(key, value)], line), ("call", callee, [args], line),
# ("func", body_tokens_range, line), ("name", text, line), ("lit", value, line), ("other", text, line).


class Parser:
    def __init__(self, tokens):
        self.t = tokens

    def text(self, i):
        return self.t[i].text if i < len(self.t) else ""

    def skip_group(self, i):
        """Index after the bracketed group opening at i."""
        depth = 0
        while i < len(self.t):
            text = self.t[i].text if self.t[i].kind == "op" else ""
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return i

    def type_end(self, i):
        """Index after a type expression (map[K]V, []T, *pkg.T, func(...) T, struct{...})."""
        while self.text(i) in ("*", "&"):
            i += 1
        if self.text(i) == "map":
            return self.type_end(self.skip_group(i + 1))
        if self.text(i) == "[":
            return self.type_end(self.skip_group(i))
        if self.text(i) in ("struct", "interface"):
            return self.skip_group(i + 1)
        if self.text(i) == "func":
            return self.skip_group(i + 1)
        i += 1
        while self.text(i) == "." and i + 1 < len(self.t) and self.t[i + 1].kind == "name":
            i += 2
        if self.text(i) == "[":  # generic instantiation
            i = self.skip_group(i)
        return i

    def expr(self, i):
        """Parses one expression at i; returns (tree, index after it)."""
        node, i = self.primary(i)
        # Binary operators and the like: keep the left operand, skip the rest up to a separator.
        while i < len(self.t) and self.text(i) not in (",", ")", "]", "}", ";", ":") and self.t[i].line == self.t[i - 1].line:
            if self.text(i) in ("(", "[", "{"):
                i = self.skip_group(i)
            else:
                i += 1
        return node, i

    def primary(self, i):
        tok = self.t[i]
        line = tok.line
        if tok.text == "&" or tok.text == "*":
            return self.primary(i + 1)
        if tok.kind in ("string", "raw"):
            return ("lit", string_value(tok), line), i + 1
        if tok.kind in ("number", "char"):
            return ("lit", tok.text, line), i + 1
        if tok.text == "func":
            sig_end = self.skip_group(i + 1)
            j = sig_end
            while self.text(j) != "{":
                j = self.type_end(j) if self.text(j) not in ("(",) else self.skip_group(j)
            body_end = self.skip_group(j)
            node = ("func", (j + 1, body_end - 1), line)
            if self.text(body_end) == "(":
                return ("call", node, self.args(body_end), line), self.skip_group(body_end)
            return node, body_end
        if tok.text in ("map", "[", "struct"):
            end = self.type_end(i)
            if self.text(end) == "{":
                return ("comp", self.span(i, end), self.elements(end), line), self.skip_group(end)
            return ("other", self.span(i, end), line), end
        if tok.text == "(":
            inner, _ = self.expr(i + 1)
            return inner, self.skip_group(i)
        if tok.kind == "name":
            j = i + 1
            while self.text(j) == "." and j + 1 < len(self.t) and self.t[j + 1].kind == "name":
                j += 2
            name = self.span(i, j)
            if self.text(j) == "[" and self.text(self.skip_group(j)) in ("{", "("):
                j = self.skip_group(j)  # generic type arguments
            if self.text(j) == "{":
                return ("comp", name, self.elements(j), line), self.skip_group(j)
            node = ("name", name, line)
            while self.text(j) == "(":
                node = ("call", node, self.args(j), line)
                j = self.skip_group(j)
                if self.text(j) == "." and j + 1 < len(self.t) and self.t[j + 1].kind == "name":
                    node = ("field", node, self.text(j + 1), line)
                    j += 2
            return node, j
        return ("other", tok.text, line), i + 1

    def span(self, i, j):
        return "".join(tok.text for tok in self.t[i:j])

    def args(self, i):
        out, i = [], i + 1
        while self.text(i) != ")":
            node, i = self.expr(i)
            out.append(node)
            if self.text(i) == ",":
                i += 1
            elif self.text(i) != ")":
                i += 1
        return out

    def elements(self, i):
        """Elements of a composite literal whose '{' is at i: [(key tree or None, value tree)]."""
        out, i, end = [], i + 1, self.skip_group(i) - 1
        while i < end:
            if self.text(i) == "{":
                value, i = ("comp", "", self.elements(i), self.t[i].line), self.skip_group(i)
                key = None
            else:
                key, i = self.expr(i)
                if self.text(i) == ":":
                    if self.text(i + 1) == "{":
                        value, i = ("comp", "", self.elements(i + 1), self.t[i + 1].line), self.skip_group(i + 1)
                    else:
                        value, i = self.expr(i + 1)
                else:
                    key, value = None, key
            out.append((key, value))
            while i < end and self.text(i) != ",":
                i += 1
            i += 1
        return out


class Package:
    """The non-test Go files of one directory: functions, methods, variables, constants, imports."""

    def __init__(self, repo, directory, files):
        self.repo, self.dir = repo, directory
        self.funcs, self.methods, self.vars, self.consts, self.structs = {}, {}, {}, {}, {}
        self.params = {}
        self.files = []
        for path, source in files:
            tokens = tokenize(source)
            unit = (path, tokens, Parser(tokens), self.imports(tokens))
            self.files.append(unit)
            self.index(unit)

    @staticmethod
    def imports(tokens):
        found, i = {}, 0
        while i < len(tokens):
            if tokens[i].text == "import":
                j = i + 1
                group = tokens[j].text == "("
                j += 1 if group else 0
                while j < len(tokens) and tokens[j].text != ")":
                    alias = None
                    if tokens[j].kind == "name" or tokens[j].text == ".":
                        alias, j = tokens[j].text, j + 1
                    path = string_value(tokens[j])
                    found[alias or path.rsplit("/", 1)[-1]] = path
                    j += 1
                    if not group:
                        break
                i = j
            elif tokens[i].text in ("func", "var", "type", "const") and i > 0:
                break
            i += 1
        return found

    def index(self, unit):
        path, tokens, parser, _ = unit
        i, depth = 0, 0
        while i < len(tokens):
            text = tokens[i].text
            if tokens[i].kind == "op" and text in ("{", "(", "["):
                i = parser.skip_group(i)
                continue
            if text == "func":
                if tokens[i + 1].text == "(":
                    recv_end = parser.skip_group(i + 1)
                    recv = [t.text for t in tokens[i + 2:recv_end - 1] if t.kind == "name"][-1]
                    name, sig = tokens[recv_end].text, recv_end + 1
                    self.methods[(recv, name)] = (unit, self.body_start(parser, sig))
                else:
                    name, sig = tokens[i + 1].text, i + 2
                    self.funcs[name] = (unit, self.body_start(parser, sig))
                    self.params[name] = self.parameter_names(parser, sig)
                i = self.body_start(parser, sig)
                continue
            if text in ("var", "const") and depth == 0:
                i = self.declarations(unit, i + 1, self.vars if text == "var" else self.consts)
                continue
            if text == "type" and tokens[i + 2].text == "struct":
                self.structs[tokens[i + 1].text] = (unit, i + 3)
            i += 1

    @staticmethod
    def parameter_names(parser, sig):
        """Names of a function's parameters in order (`a, b T` gives both)."""
        if parser.text(sig) != "(":
            return []
        names, i, end = [], sig + 1, parser.skip_group(sig) - 1
        while i < end:
            if parser.t[i].kind == "name":
                names.append(parser.t[i].text)
            while i < end and parser.text(i) != ",":
                i = parser.skip_group(i) if parser.text(i) in ("(", "[", "{") else i + 1
            i += 1
        return names

    @staticmethod
    def body_start(parser, sig):
        j = sig
        if parser.text(j) == "[":
            j = parser.skip_group(j)
        j = parser.skip_group(j)  # parameters
        while parser.text(j) != "{":
            j = parser.skip_group(j) if parser.text(j) == "(" else parser.type_end(j)
        return j

    def declarations(self, unit, i, into):
        _, tokens, parser, _ = unit
        group = tokens[i].text == "("
        if group:
            end = parser.skip_group(i) - 1
            i += 1
        else:
            end = len(tokens)
        while i < end:
            names = [tokens[i].text]
            j = i + 1
            while tokens[j].text == ",":
                names.append(tokens[j + 1].text)
                j += 2
            while j < end and tokens[j].text != "=" and tokens[j].line == tokens[i].line:
                j += 1
            if j < end and tokens[j].text == "=":
                value, j = parser.expr(j + 1)
                for name in names:
                    into[name] = (unit, value)
            if not group:
                return j
            while j < end and tokens[j].line == tokens[j - 1].line and tokens[j].text != ")":
                j += 1
            i = j
        return end + 1


class Module:
    """A Go module at a git revision, its packages loaded on demand."""

    def __init__(self, git_dir, rev):
        self.git_dir, self.rev = git_dir, rev
        self.packages = {}
        self.module_path = self.show("go.mod").split("\n", 1)[0].split()[1]
        self.unresolved = set()

    def git(self, *args):
        return subprocess.run(["git", "-C", self.git_dir, *args], check=True, capture_output=True, text=True).stdout

    def show(self, path):
        return self.git("show", f"{self.rev}:{path}")

    def package(self, directory):
        if directory not in self.packages:
            names = self.git("ls-tree", "--name-only", f"{self.rev}:{directory}").split()
            files = [(f"{directory}/{n}", self.show(f"{directory}/{n}")) for n in sorted(names)
                     if n.endswith(".go") and not n.endswith("_test.go")]
            self.packages[directory] = Package(self, directory, files)
        return self.packages[directory]

    def directory_of(self, import_path):
        prefix = self.module_path + "/"
        return import_path[len(prefix):] if import_path.startswith(prefix) else None

    def lookup(self, package, unit, name, table):
        """Resolves `name` or `alias.name` seen in `unit` of `package` in the given table."""
        if "." in name:
            alias, member = name.split(".", 1)
            directory = self.directory_of(unit[3].get(alias, ""))
            if directory is None or "." in member:
                return None
            package = self.package(directory)
            name = member
        entry = getattr(package, table).get(name)
        return (package, *entry) if entry else None

    def constant(self, package, unit, node):
        if node[0] == "lit":
            return node[1]
        if node[0] == "name":
            found = self.lookup(package, unit, node[1], "consts")
            if found and found[2][0] == "lit":
                return found[2][1]
        return None

    def note_unresolved(self, what):
        if what not in self.unresolved:
            self.unresolved.add(what)
            print(f"unresolved: {what}", file=sys.stderr)


class Scope:
    """Where an expression tree was read: its package and file, so names in it resolve."""

    def __init__(self, module, package, unit, bindings=None):
        self.module, self.package, self.unit = module, package, unit
        self.bindings = bindings or {}  # parameter name -> (caller scope, argument tree)

    def reduce(self, node, depth=0):
        """Follows calls and names to the composite literal they produce: (scope, tree) or None."""
        if depth > 12 or node is None:
            return None
        kind = node[0]
        if kind == "comp":
            return self, node
        if kind == "scoped":
            return node[1].reduce(node[2], depth + 1)
        if kind == "field":
            found = self.reduce(node[1], depth + 1)
            if found and node[2] in fields(found[1]):
                return found[0].reduce(fields(found[1])[node[2]], depth + 1)
            return None
        if kind == "name":
            if node[1] in self.bindings:
                caller, argument = self.bindings[node[1]]
                return caller.reduce(argument, depth + 1)
            found = self.module.lookup(self.package, self.unit, node[1], "vars")
            if found:
                return Scope(self.module, found[0], found[1]).reduce(found[2], depth + 1)
            return None
        if kind == "call":
            callee = node[1]
            if callee[0] == "func":
                return self.reduce_body(self.unit, callee[1], depth)
            if callee[0] == "name":
                found = self.module.lookup(self.package, self.unit, callee[1], "funcs")
                if found:
                    package, unit, start = found
                    body = (start + 1, unit[2].skip_group(start) - 1)
                    names = package.params.get(callee[1].rsplit(".", 1)[-1], [])
                    bindings = {name: (self, argument) for name, argument in zip(names, node[2])}
                    return Scope(self.module, package, unit, bindings).reduce_body(unit, body, depth)
            return None
        return None

    def reduce_body(self, unit, body, depth):
        """The value a function body returns, or a local variable's composite value it returns."""
        tokens, parser = unit[1], unit[2]
        i, end = body
        local = {}
        while i < end:
            text = tokens[i].text
            if tokens[i].kind == "name" and parser.text(i + 1) in (":=", "=") and text not in local:
                value, _ = parser.expr(i + 2)
                if value[0] in ("comp", "call", "field"):
                    local[text] = value
            if text == "return":
                value, _ = parser.expr(i + 1)
                scope = Scope(self.module, self.package, unit, self.bindings)
                if value[0] == "name" and value[1] in local:
                    found = scope.reduce(local[value[1]], depth + 1)
                    if found:
                        return scope.edited_map(found, value[1], body)
                found = scope.reduce(value, depth + 1)
                if found:
                    return found
            i += 1
        return None

    def edited_map(self, found, local, body):
        """A map literal as a function returns it after `local["k"] = v` and `delete(local, "k")`."""
        tokens, parser = self.unit[1], self.unit[2]
        map_scope, node = found
        elements = [(key, ("scoped", map_scope, value, value[2])) for key, value in node[2]]
        for i in range(*body):
            if tokens[i].text == local and parser.text(i + 1) == "[" and tokens[i + 2].kind == "string" and (
                    parser.text(i + 3) == "]" and parser.text(i + 4) == "="):
                value, _ = parser.expr(i + 5)
                elements.append((("lit", tokens[i + 2].text[1:-1], 0), ("scoped", self, value, value[2])))
            if tokens[i].text == "delete" and parser.text(i + 1) == "(" and parser.text(i + 2) == local:
                removed = tokens[i + 4].text[1:-1] if tokens[i + 4].kind == "string" else None
                elements = [(k, v) for k, v in elements if not (k and k[0] == "lit" and k[1] == removed)]
                if removed is None:
                    self.module.note_unresolved(f"{self.where(tokens[i:i + 1] and ('', '', tokens[i].line))}: delete")
        return map_scope, (node[0], node[1], elements, node[3])

    def constant(self, node):
        return self.module.constant(self.package, self.unit, node)

    def where(self, node):
        return f"{self.unit[0]}:{node[2]}"


def fields(node):
    """A composite literal's keyed elements by key text."""
    return {key[1]: value for key, value in node[2] if key is not None and key[0] == "name"}


def callee_name(node):
    if node[0] == "call" and node[1][0] == "name":
        return node[1][1]
    return ""
