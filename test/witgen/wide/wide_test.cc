// Flags with more than 32 members through the wasm2c host glue and wide.wasm.
#include <gtest/gtest.h>

#include "wide_host.h"

namespace witgen_test {
namespace {

namespace ww = ::witgen::wide::wide;

TEST(WideFlags, RoundTrip) {
  ww::Imports imports;
  imports.host_wide = [](const ww::WideFlags& x) {
    ww::WideFlags y = x;
    y.f38 = !y.f38;  // proves the host saw and returned the value
    return y;
  };
  auto inst = ww::wasm2c::Instance::Create(&imports, 64);
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  ww::WideFlags none;
  ww::WideFlags some;
  some.f0 = some.f31 = some.f32 = some.f39 = true;
  EXPECT_EQ(inst.value()->EchoWide(none).value(), none);
  EXPECT_EQ(inst.value()->EchoWide(some).value(), some);
  ww::WideFlags want = some;
  want.f38 = true;
  EXPECT_EQ(inst.value()->ViaHostWide(some).value(), want);
}

}  // namespace
}  // namespace witgen_test
