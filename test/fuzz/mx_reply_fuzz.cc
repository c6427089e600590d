// Fuzz target: ParseMxReply (host/dns/mx_reply.h) over arbitrary bytes as a DNS server's reply.
// A reply is untrusted network input: any byte string must yield a value or an error, never a
// crash, an out-of-bounds read or undefined behaviour. Accepted answers are checked for the
// invariants callers rely on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "dns/mx_reply.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warden::Result<warden::MxAnswer> answer = warden::host::dns::ParseMxReply(data, size);
  if (answer.ok()) {
    // A name in a DNS message is at most 255 octets, each shown as at most 4 characters of
    // text (c-ares escapes unprintable octets as \DDD); anything longer means the parser read
    // past a label or a compression pointer it should have rejected.
    for (const auto& record : answer->records) {
      if (record.exchange.size() > 4 * 255) std::abort();
    }
  }
  return 0;
}
