// The inside of warden::EmailDomainLists, shared by email_lists.cc (matching, run-time build)
// and builtin_lists.cc (the compiled-in table).
#pragma once

#include <optional>

#include "email/domain_table.h"
#include "warden/email_lists.h"

namespace warden {

struct EmailDomainLists::Impl {
  email::DomainTable table;
  std::optional<email::BuiltTable> owned;  // set when built at run time; `table` views it
};

namespace email {

// Builds the table of `sources` (what EmailDomainLists::Build and tools/domaingen use).
Result<BuiltTable> BuildListTable(const EmailListSources& sources);

}  // namespace email
}  // namespace warden
