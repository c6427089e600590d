// Recursive-descent WIT parser for the subset witgen supports (see docs/witgen.md).
#include "parser.h"

#include <set>

#include "lexer.h"

namespace witgen {
namespace {

const std::set<std::string>& Unsupported() {
  static const std::set<std::string> k = {"resource",    "future", "stream",
                                          "own",         "borrow", "include",
                                          "constructor", "static", "error-context"};
  return k;
}

// Words that are identifiers only when written with a leading '%'.
const std::set<std::string>& Keywords() {
  static const std::set<std::string> k = {
      "as",      "async",   "bool", "char",   "enum",      "export", "f32",    "f64",     "flags",
      "float32", "float64", "func", "import", "interface", "list",   "option", "package", "record",
      "result",  "s8",      "s16",  "s32",    "s64",       "string", "tuple",  "type",    "u8",
      "u16",     "u32",     "u64",  "use",    "variant",   "with",   "world"};
  return k;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, Package* pkg) : t_(std::move(tokens)), pkg_(pkg) {}

  bool File() {
    if (IsKeyword("package")) {
      if (!PackageDecl()) return false;
    }
    while (!AtEof()) {
      if (IsKeyword("interface")) {
        if (!InterfaceDecl()) return false;
      } else if (IsKeyword("world")) {
        if (!WorldDecl()) return false;
      } else if (IsKeyword("use")) {
        return Fail("top-level `use` is not supported");
      } else {
        return Fail("expected `interface` or `world`");
      }
    }
    return true;
  }

  Error error;

 private:
  const Token& Peek(size_t k = 0) const { return t_[std::min(i_ + k, t_.size() - 1)]; }
  bool AtEof() const { return Peek().kind == Token::Kind::kEof; }
  bool IsKeyword(const char* kw) const {
    return Peek().kind == Token::Kind::kIdent && !Peek().escaped && Peek().text == kw;
  }
  bool IsPunct(const char* p) const {
    return Peek().kind == Token::Kind::kPunct && Peek().text == p;
  }
  bool Fail(const std::string& message) { return FailAt(Peek().pos, message); }
  bool FailAt(const Pos& pos, const std::string& message) {
    error = Error{pos, message};
    return false;
  }
  bool Expect(const char* p) {
    if (!IsPunct(p)) {
      return Fail(std::string("expected '") + p + "'" + Found());
    }
    ++i_;
    return true;
  }
  std::string Found() const {
    if (AtEof()) return ", found end of file";
    return ", found '" + Peek().text + "'";
  }
  bool ExpectKeyword(const char* kw) {
    if (!IsKeyword(kw)) return Fail(std::string("expected `") + kw + "`" + Found());
    ++i_;
    return true;
  }
  // An identifier; keywords that name unsupported constructs get a clear error.
  bool Ident(std::string* out, Pos* pos = nullptr) {
    const Token& tok = Peek();
    if (tok.kind != Token::Kind::kIdent) return Fail("expected an identifier" + Found());
    if (!tok.escaped && Unsupported().count(tok.text)) {
      return Fail("`" + tok.text + "` is not supported by witgen");
    }
    if (!tok.escaped && Keywords().count(tok.text)) {
      return Fail("`" + tok.text + "` is a keyword; write `%" + tok.text + "` to use it as a name");
    }
    *out = tok.text;
    if (pos) *pos = tok.pos;
    ++i_;
    return true;
  }

  bool PackageDecl() {
    pkg_->pos = Peek().pos;
    ++i_;
    std::string ns, name;
    if (!Ident(&ns) || !Expect(":") || !Ident(&name)) return false;
    std::string version;
    if (IsPunct("@")) {
      ++i_;
      version = Peek().text;
      ++i_;
    }
    if (!pkg_->name.empty() && (pkg_->ns != ns || pkg_->name != name || pkg_->version != version)) {
      return FailAt(pkg_->pos, "conflicting package declarations");
    }
    pkg_->ns = ns;
    pkg_->name = name;
    pkg_->version = version;
    if (IsPunct("{")) return Fail("nested package declarations are not supported");
    return Expect(";");
  }

  bool UseDecl(std::vector<Use>* uses) {
    Use use;
    use.pos = Peek().pos;
    ++i_;
    if (!Ident(&use.from)) return false;
    if (IsPunct(":") || IsPunct("/")) return Fail("`use` of another package is not supported");
    if (!Expect(".") || !Expect("{")) return false;
    while (true) {
      std::string name, local;
      if (!Ident(&name)) return false;
      local = name;
      if (IsKeyword("as")) {
        ++i_;
        if (!Ident(&local)) return false;
      }
      use.names.emplace_back(name, local);
      if (IsPunct(",")) {
        ++i_;
        if (IsPunct("}")) break;
        continue;
      }
      break;
    }
    if (!Expect("}") || !Expect(";")) return false;
    uses->push_back(std::move(use));
    return true;
  }

  bool InterfaceDecl() {
    ++i_;
    auto iface = std::make_shared<Interface>();
    if (!Ident(&iface->name, &iface->pos) || !Expect("{")) return false;
    while (!IsPunct("}")) {
      if (AtEof()) return Fail("expected '}'" + Found());
      if (IsKeyword("use")) {
        if (!UseDecl(&iface->uses)) return false;
      } else if (IsTypeKeyword()) {
        if (!TypeDecl(iface->name, &iface->types)) return false;
      } else {
        Func f;
        if (!FuncDecl(&f)) return false;
        iface->funcs.push_back(std::move(f));
      }
    }
    ++i_;
    pkg_->interfaces.push_back(iface);
    return true;
  }

  bool IsTypeKeyword() const {
    return IsKeyword("record") || IsKeyword("variant") || IsKeyword("enum") || IsKeyword("flags") ||
           IsKeyword("type");
  }

  // `name: func(params) [-> type];`
  bool FuncDecl(Func* f) {
    f->doc = Peek().doc;
    if (!Ident(&f->name, &f->pos) || !Expect(":")) return false;
    if (IsKeyword("async")) return Fail("async functions are not supported");
    if (!ExpectKeyword("func")) return false;
    return FuncSignature(f) && Expect(";");
  }

  bool FuncSignature(Func* f) {
    if (!Expect("(")) return false;
    while (!IsPunct(")")) {
      Param p;
      if (!Ident(&p.name) || !Expect(":") || !TypeExpr(&p.type)) return false;
      f->params.push_back(std::move(p));
      if (!IsPunct(",")) break;
      ++i_;
    }
    if (!Expect(")")) return false;
    if (Peek().kind == Token::Kind::kArrow) {
      ++i_;
      if (IsPunct("(")) return Fail("named results are not supported");
      if (!TypeExpr(&f->result)) return false;
    }
    return true;
  }

  bool TypeDecl(const std::string& owner, std::vector<std::shared_ptr<TypeDef>>* out);
  bool TypeExpr(TypePtr* out);
  bool TypeArgs(size_t min, size_t max, TypePtr* t, bool allow_underscore);
  bool WorldDecl();
  bool WorldItemDecl(World* w, bool is_export);

  std::vector<Token> t_;
  size_t i_ = 0;
  Package* pkg_;
};

bool Parser::TypeDecl(const std::string& owner, std::vector<std::shared_ptr<TypeDef>>* out) {
  auto def = std::make_shared<TypeDef>();
  def->owner = owner;
  def->doc = Peek().doc;
  std::string kw = Peek().text;
  ++i_;
  if (!Ident(&def->name, &def->pos)) return false;
  if (kw == "type") {
    def->kind = TypeDef::Kind::kAlias;
    if (!Expect("=") || !TypeExpr(&def->alias) || !Expect(";")) return false;
    out->push_back(def);
    return true;
  }
  def->kind = kw == "record"    ? TypeDef::Kind::kRecord
              : kw == "variant" ? TypeDef::Kind::kVariant
              : kw == "enum"    ? TypeDef::Kind::kEnum
                                : TypeDef::Kind::kFlags;
  if (!Expect("{")) return false;
  while (!IsPunct("}")) {
    std::string name, doc = Peek().doc;
    if (!Ident(&name)) return false;
    if (def->kind == TypeDef::Kind::kRecord) {
      Field f{name, nullptr, doc};
      if (!Expect(":") || !TypeExpr(&f.type)) return false;
      def->fields.push_back(std::move(f));
    } else if (def->kind == TypeDef::Kind::kVariant) {
      Field c{name, nullptr, doc};
      if (IsPunct("(")) {
        ++i_;
        if (!TypeExpr(&c.type) || !Expect(")")) return false;
      }
      def->fields.push_back(std::move(c));
    } else {
      def->cases.push_back(name);
    }
    if (!IsPunct(",")) break;
    ++i_;
  }
  if (!Expect("}")) return false;
  if (def->fields.empty() && def->cases.empty() && def->kind != TypeDef::Kind::kRecord) {
    return FailAt(def->pos, "`" + def->name + "` must have at least one case");
  }
  if (def->kind == TypeDef::Kind::kRecord && def->fields.empty()) {
    return FailAt(def->pos, "record `" + def->name + "` must have at least one field");
  }
  out->push_back(def);
  return true;
}

bool Parser::TypeArgs(size_t min, size_t max, TypePtr* t, bool allow_underscore) {
  if (!Expect("<")) return false;
  while (true) {
    TypePtr a;
    if (allow_underscore && IsPunct("_")) {
      ++i_;
    } else if (!TypeExpr(&a)) {
      return false;
    }
    (*t)->args.push_back(a);
    if (!IsPunct(",")) break;
    ++i_;
  }
  if ((*t)->args.size() < min || (*t)->args.size() > max) {
    return Fail("wrong number of type arguments");
  }
  return Expect(">");
}

bool Parser::TypeExpr(TypePtr* out) {
  auto t = std::make_shared<Type>();
  *out = t;
  const Token& tok = Peek();
  if (tok.kind != Token::Kind::kIdent) return Fail("expected a type" + Found());
  static const std::pair<const char*, Prim> kPrims[] = {
      {"bool", Prim::kBool},   {"s8", Prim::kS8},     {"u8", Prim::kU8},
      {"s16", Prim::kS16},     {"u16", Prim::kU16},   {"s32", Prim::kS32},
      {"u32", Prim::kU32},     {"s64", Prim::kS64},   {"u64", Prim::kU64},
      {"f32", Prim::kF32},     {"f64", Prim::kF64},   {"float32", Prim::kF32},
      {"float64", Prim::kF64}, {"char", Prim::kChar}, {"string", Prim::kString}};
  if (!tok.escaped) {
    for (const auto& [name, prim] : kPrims) {
      if (tok.text == name) {
        ++i_;
        t->kind = Type::Kind::kPrim;
        t->prim = prim;
        return true;
      }
    }
    if (tok.text == "list" || tok.text == "option") {
      ++i_;
      t->kind = tok.text == "list" ? Type::Kind::kList : Type::Kind::kOption;
      return TypeArgs(1, 1, out, false);
    }
    if (tok.text == "tuple") {
      ++i_;
      t->kind = Type::Kind::kTuple;
      return TypeArgs(1, 64, out, false);
    }
    if (tok.text == "result") {
      ++i_;
      t->kind = Type::Kind::kResult;
      if (!IsPunct("<")) {
        t->args = {nullptr, nullptr};
        return true;
      }
      if (!TypeArgs(1, 2, out, true)) return false;
      if (t->args.size() == 1) t->args.push_back(nullptr);
      return true;
    }
  }
  t->kind = Type::Kind::kNamed;
  t->pos = tok.pos;
  return Ident(&t->name);
}

bool Parser::WorldItemDecl(World* w, bool is_export) {
  WorldItem item;
  item.is_export = is_export;
  item.pos = Peek().pos;
  item.func.doc = Peek().doc;
  ++i_;
  std::string name;
  if (!Ident(&name)) return false;
  if (IsPunct(":") && Peek(1).kind == Token::Kind::kIdent && Peek(1).text == "func") {
    i_ += 2;
    item.is_func = true;
    item.func.name = name;
    item.func.pos = item.pos;
    if (!FuncSignature(&item.func) || !Expect(";")) return false;
  } else if (IsPunct(":") && Peek(1).kind == Token::Kind::kIdent && Peek(1).text == "interface") {
    return Fail("inline interfaces in worlds are not supported");
  } else if (IsPunct(":") || IsPunct("/")) {
    return Fail("imports of other packages are not supported");
  } else {
    item.iface = name;
    if (!Expect(";")) return false;
  }
  w->items.push_back(std::move(item));
  return true;
}

bool Parser::WorldDecl() {
  ++i_;
  auto w = std::make_shared<World>();
  if (!Ident(&w->name, &w->pos) || !Expect("{")) return false;
  while (!IsPunct("}")) {
    if (AtEof()) return Fail("expected '}'" + Found());
    if (IsKeyword("import") || IsKeyword("export")) {
      if (!WorldItemDecl(w.get(), Peek().text == "export")) return false;
    } else if (IsKeyword("use")) {
      if (!UseDecl(&w->uses)) return false;
    } else if (IsTypeKeyword()) {
      if (!TypeDecl(w->name, &w->types)) return false;
    } else {
      std::string dummy;
      if (!Ident(&dummy)) return false;
      return FailAt(t_[i_ - 1].pos, "expected `import`, `export`, `use` or a type");
    }
  }
  ++i_;
  pkg_->worlds.push_back(w);
  return true;
}

}  // namespace

bool ParseFile(const std::string& file, const std::string& source, Package* pkg, Error* error) {
  std::vector<Token> tokens;
  if (!Lex(file, source, &tokens, error)) return false;
  Parser parser(std::move(tokens), pkg);
  if (!parser.File()) {
    *error = parser.error;
    return false;
  }
  return true;
}

}  // namespace witgen
