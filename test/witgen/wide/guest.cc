// The guest of the wide-flags world: echoes, directly and through the host import.
#include "wide_guest.h"

namespace witgen::wide::wide::exports {

WideFlags EchoWide(const WideFlags& x) { return x; }
WideFlags ViaHostWide(const WideFlags& x) { return ::witgen::wide::wide::HostWide(x); }

}  // namespace witgen::wide::wide::exports
