// The syntax tree of a WIT package, as the parser builds it and the resolver completes it.
//
// Nodes are plain structs owned by `Package`. After resolution every `Type` of kind kNamed
// points at its `TypeDef` (`def`), and aliases can be looked through with `Resolve`.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace witgen {

// A position in a source file, 1-based.
struct Pos {
  std::string file;
  int line = 0;
  int col = 0;
};

enum class Prim { kBool, kS8, kU8, kS16, kU16, kS32, kU32, kS64, kU64, kF32, kF64, kChar, kString };

struct TypeDef;

// A type expression.
struct Type {
  enum class Kind { kPrim, kNamed, kList, kOption, kResult, kTuple };
  Kind kind = Kind::kPrim;
  Prim prim = Prim::kBool;
  std::string name;              // kNamed: the name as written
  Pos pos;                       // kNamed: where it was written
  const TypeDef* def = nullptr;  // kNamed: set by the resolver
  // kList/kOption: {element}; kResult: {ok, err}, either may be null; kTuple: the members.
  std::vector<std::shared_ptr<Type>> args;
};
using TypePtr = std::shared_ptr<Type>;

struct Field {
  std::string name;
  TypePtr type;  // null for a variant case without payload
  std::string doc;
};

// A named type: record, variant, enum, flags or alias (`type x = ...`).
struct TypeDef {
  enum class Kind { kRecord, kVariant, kEnum, kFlags, kAlias };
  Kind kind = Kind::kRecord;
  std::string name;
  Pos pos;
  std::string owner;               // the interface or world that defines it
  std::vector<Field> fields;       // record fields or variant cases
  std::vector<std::string> cases;  // enum cases or flag names
  TypePtr alias;                   // kAlias: the aliased type
  std::string doc;                 // `///` comment lines
};

struct Param {
  std::string name;
  TypePtr type;
};

struct Func {
  std::string name;
  Pos pos;
  std::vector<Param> params;
  TypePtr result;  // null when the function returns nothing
  std::string doc;
};

// `use iface.{a, b as c};`
struct Use {
  std::string from;
  Pos pos;
  std::vector<std::pair<std::string, std::string>> names;  // {name in `from`, local name}
};

// A type name visible in a scope that is brought in by `use`.
struct UsedName {
  std::string local;
  const TypeDef* def = nullptr;
};

// What interfaces and worlds share: a named scope of `use`s and type definitions.
struct TypeScope {
  std::string name;
  Pos pos;
  std::vector<Use> uses;
  std::vector<std::shared_ptr<TypeDef>> types;
  std::vector<UsedName> used;  // set by the resolver
};

struct Interface : TypeScope {
  std::vector<Func> funcs;
};

struct WorldItem {
  bool is_export = false;
  bool is_func = false;  // false: an interface
  std::string iface;     // !is_func: the interface name
  Func func;             // is_func
  Pos pos;
};

struct World : TypeScope {
  std::vector<WorldItem> items;
};

struct Package {
  std::string ns;
  std::string name;
  std::string version;  // empty when none
  Pos pos;
  std::vector<std::shared_ptr<Interface>> interfaces;
  std::vector<std::shared_ptr<World>> worlds;
};

// Looks through aliases: the type a named alias finally stands for.
const Type& Resolve(const Type& t);

}  // namespace witgen
