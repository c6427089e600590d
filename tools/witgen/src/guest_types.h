// Per-type helpers of the guest glue (see emit_guest_types.cc).
#pragma once

#include <string>

#include "resolver.h"

namespace witgen {

// C++ functions Load_<key>/Store_<key>/Lift_<key>/Lower_<key> for every type the world's
// functions carry, dependencies first; meant for an anonymous namespace with `wg` aliasing
// ::witgen::guest.
std::string EmitGuestTypeHelpers(const Model& m);

}  // namespace witgen
