// WIT names → C++ names, and WIT types → C++ type spellings (see docs/witgen.md, "Names").
#pragma once

#include <string>

#include "ast.h"
#include "resolver.h"

namespace witgen {

// kebab-case → snake_case; a C++ keyword gets a trailing '_'.
std::string Snake(const std::string& kebab);
// kebab-case → PascalCase.
std::string Pascal(const std::string& kebab);
// Enum case name: "k" + PascalCase.
std::string EnumCase(const std::string& kebab);
// "::ns::pkg" of the package.
std::string PackageNs(const Package& pkg);
// "::ns::pkg::owner" for an interface or world named `owner`.
std::string OwnerNs(const Package& pkg, const std::string& owner);
// The C++ type that represents `t`, fully qualified.
std::string CppType(const Package& pkg, const Type& t);
// The C++ type of a function result (`void` when there is none).
std::string CppResult(const Package& pkg, const Type* t);
// The C++ parameter spelling: by value for scalars, `const T&` otherwise.
std::string CppParam(const Package& pkg, const Type& t);
// True when `t` contains a string or a list, so its borrowed view form differs from its owned
// form (docs/witgen.md, "Borrowed export parameters").
bool HasViewForm(const Type& t);
// The view form of `t`: string → std::string_view, list<T> → std::span<const view(T)>, a
// record/variant with a view form → `<Name>View`, option/result/tuple of views; else CppType.
std::string CppViewType(const Package& pkg, const Type& t);
// An export parameter's spelling in the guest: scalars, string_view and span by value,
// everything else `const <view>&`.
std::string CppViewParam(const Package& pkg, const Type& t);
// A C identifier unique to the (resolved) structure of `t`, used to name generated helpers.
std::string TypeKey(const Type& t);
// The interface's import/export module name: "ns:pkg/iface@version".
std::string InterfaceModule(const Package& pkg, const std::string& iface);
// wasm2c's mangling of a module or export name (wabt 1.0.32): alnum and '_' kept, 'Z' → "ZZ",
// every other byte → 'Z' + two hex digits.
std::string Wasm2cMangle(const std::string& name);

}  // namespace witgen
