// Name resolution: binds every named type to its definition and selects what one world needs.
#pragma once

#include <string>
#include <vector>

#include "ast.h"
#include "diag.h"

namespace witgen {

// What the emitters need for one world, all pointing into the resolved Package.
struct Model {
  const Package* pkg = nullptr;
  const World* world = nullptr;
  std::vector<const Interface*> interfaces;  // used by the world, dependencies first
  std::vector<const TypeDef*> types;         // every reachable definition, dependencies first
  std::vector<const Interface*> import_interfaces;  // in world order
  std::vector<const Interface*> export_interfaces;  // in world order
  std::vector<const Func*> import_funcs;            // world-level imported functions
  std::vector<const Func*> export_funcs;            // world-level exported functions
};

// Resolves `pkg` in place and builds the model of `world_name`. Returns false and sets
// `*error` on an unknown or duplicate name, a cyclic type, or an unknown world.
bool ResolveWorld(Package* pkg, const std::string& world_name, Model* model, Error* error);

}  // namespace witgen
