// Shared fixture of the wasm2c round-trip tests: one roundtrip.wasm instance whose host
// imports echo their arguments (and record what the guest logged).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "roundtrip_host.h"

namespace witgen_test {

namespace rt = ::witgen::roundtrip::roundtrip;
namespace types = ::witgen::roundtrip::types;

class RoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    imports_.host.host_echo = [](const types::Big& x) { return x; };
    imports_.host.host_string = [](const std::string& s) { return s; };
    imports_.host.host_shape = [](const types::Shape& s) { return s; };
    imports_.host.host_join = [](const types::Joiny& j) { return j; };
    imports_.host.host_result = [](const ::witgen::Expected<std::string, uint32_t>& r) {
      return r;
    };
    imports_.host.host_list = [](const std::vector<std::vector<std::string>>& l) { return l; };
    imports_.host.host_log = [this](const std::string& m) { logged_.push_back(m); };
    imports_.host_tick = [] { return uint64_t{0x1234567890abcdefULL}; };
    instance_ = NewInstance(1024);
  }

  std::unique_ptr<rt::wasm2c::Instance> NewInstance(uint32_t max_pages) {
    auto inst = rt::wasm2c::Instance::Create(&imports_, max_pages);
    EXPECT_TRUE(inst.ok()) << inst.status().ToString();
    return inst.ok() ? std::move(inst.value()) : nullptr;
  }

  rt::Imports imports_;
  std::vector<std::string> logged_;
  std::unique_ptr<rt::wasm2c::Instance> instance_;
};

// Calls `expr` (a warden::Result) and expects it to be OK and equal to `want`.
#define EXPECT_ECHO(expr, want)                     \
  do {                                              \
    auto r_ = (expr);                               \
    ASSERT_TRUE(r_.ok()) << r_.status().ToString(); \
    EXPECT_EQ(r_.value(), (want));                  \
  } while (0)

}  // namespace witgen_test
