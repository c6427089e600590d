// The domain table compiled into the library: defined by the source tools/domaingen writes at
// build time (email_lists_data.cc in the build tree), laid out as domain_table.h describes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace warden::email::builtin {

extern const char kBlob[];
extern const size_t kBlobSize;
extern const uint32_t kSlots[];
extern const size_t kSlotCount;

}  // namespace warden::email::builtin
