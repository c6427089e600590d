// mx_reply.h — parses a DNS reply to an MX query into an MxAnswer
// (include/warden/dns_resolver.h): the MX records of the answer section with their TTLs, the
// RCODE, and RFC 2308's negative TTL from an SOA in the authority section. c-ares 1.18 has no
// parser that keeps TTLs for MX. No I/O: easy to test and fuzz.
#pragma once

#include <cstddef>

#include "warden/dns_resolver.h"
#include "warden/result.h"

namespace warden::host::dns {

// Parses the whole DNS message `reply` (`size` octets). NXDOMAIN sets `nxdomain`; NOERROR
// without MX records leaves `records` empty. Any other RCODE is kUnavailable; a truncated or
// malformed message is kUnavailable too (a bad reply is the server's failure).
Result<MxAnswer> ParseMxReply(const unsigned char* reply, size_t size);

}  // namespace warden::host::dns
