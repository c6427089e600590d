// Per-type helpers of the guest glue (see emit_guest_types.cc).
#pragma once

#include <string>

#include "resolver.h"

namespace witgen {

// C++ functions Load_<key>/Store_<key>/Lift_<key>/Lower_<key> for every type the world's
// functions carry, dependencies first; meant for an anonymous namespace with `wg` aliasing
// ::witgen::guest.
// Also VLoad_<key>/VLift_<key> (and VTake_<key> for lists) lifting every export parameter type
// that has a view form as a borrowed view, and VStore_/VLower_ (VGive_ for lists) lowering
// every export result type that has one from its view form.
std::string EmitGuestTypeHelpers(const Model& m);

// The name of the function lifting an export parameter of type `t` from memory (`memory`) or
// from flat cells: VLoad_/VLift_ for types with a view form, else Load_/Lift_.
std::string ExportParamLift(const Type& t, bool memory);

// The name of the function lowering an export result of type `t` to memory or to flat cells:
// VStore_/VLower_ (the view form, emitted by EmitGuestTypeHelpers) for types with a view form,
// else Store_/Lower_.
std::string ExportResultLower(const Type& t, bool memory);

}  // namespace witgen
