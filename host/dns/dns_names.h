// dns_names.h — pure helpers of the c-ares resolver: server-list validation and the
// normalisation of names in answers. No I/O, so they are tested directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "warden/result.h"

namespace warden::host::dns {

// Validates servers given as "ip", "ip:port", "[ipv6]" or "[ipv6]:port" and joins them in the
// form ares_set_servers_ports_csv() accepts. kInvalidArgument names the bad entry.
Result<std::string> ServersToCsv(const std::vector<std::string>& servers);

// A host name from an answer in the form callers compare: ASCII lower case, no trailing dot.
std::string NormalizeHostName(std::string_view name);

}  // namespace warden::host::dns
