// The emitters: each returns the text of one generated file for a resolved world.
#pragma once

#include <string>

#include "resolver.h"

namespace witgen {

struct EmitOptions {
  std::string world_snake;  // file stem, e.g. "analyzer"
  std::string module;       // wasm2c module name (`--module`)
  std::string source;       // the WIT path, for banners
};

// <out>/include/<ns>/<pkg>/<world>_types.h
std::string EmitTypesHeader(const Model& m, const EmitOptions& o);
// <out>/guest/<world>_guest.h and .cc
std::string EmitGuestHeader(const Model& m, const EmitOptions& o);
std::string EmitGuestSource(const Model& m, const EmitOptions& o);
// <out>/host/<world>_host.h and .cc
std::string EmitHostHeader(const Model& m, const EmitOptions& o);
std::string EmitHostSource(const Model& m, const EmitOptions& o);
// <out>/native/<world>_native.cc
std::string EmitNativeSource(const Model& m, const EmitOptions& o);
// <out>/<world>_imports.txt
std::string EmitImportsList(const Model& m);
// "<ns>/<pkg>/<world>_types.h", the include path of the types header.
std::string TypesInclude(const Model& m, const EmitOptions& o);

}  // namespace witgen
