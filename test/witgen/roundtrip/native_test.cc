// The native glue: the round-trip guest code compiled natively calls its imports through the
// Imports bound by native::ScopedImports (per thread, nesting), and gets default values when
// nothing is bound.
#include <gtest/gtest.h>

#include <thread>

#include "roundtrip_guest.h"

namespace witgen_test {
namespace {

namespace rt = ::witgen::roundtrip::roundtrip;
namespace types = ::witgen::roundtrip::types;

TEST(NativeGlue, ForwardsToBoundImports) {
  rt::Imports imports;
  imports.host.host_string = [](const std::string& s) { return s + "!"; };
  imports.host_tick = [] { return uint64_t{42}; };
  std::vector<std::string> logged;
  imports.host.host_log = [&](const std::string& m) { logged.push_back(m); };
  rt::native::ScopedImports scope(&imports);
  EXPECT_EQ(rt::native::CurrentImports(), &imports);
  EXPECT_EQ(rt::exports::ViaHostString("hi"), "hi!");
  EXPECT_EQ(rt::exports::LogAndTick("m"), 42u);
  EXPECT_EQ(logged, std::vector<std::string>{"m"});
}

TEST(NativeGlue, ScopesNestAndArePerThread) {
  rt::Imports outer, inner;
  outer.host_tick = [] { return uint64_t{1}; };
  inner.host_tick = [] { return uint64_t{2}; };
  outer.host.host_log = inner.host.host_log = [](const std::string&) {};
  rt::native::ScopedImports a(&outer);
  {
    rt::native::ScopedImports b(&inner);
    EXPECT_EQ(rt::exports::LogAndTick(""), 2u);
    std::thread([] { EXPECT_EQ(rt::native::CurrentImports(), nullptr); }).join();
  }
  EXPECT_EQ(rt::exports::LogAndTick(""), 1u);
}

TEST(NativeGlue, UnboundImportsReturnDefaults) {
  EXPECT_EQ(rt::native::CurrentImports(), nullptr);
  EXPECT_EQ(rt::exports::ViaHostString("x"), "");
  EXPECT_EQ(rt::exports::LogAndTick("x"), 0u);
  EXPECT_EQ(rt::exports::ViaHostShape(types::Shape{types::Shape::Empty{}}),
            types::Shape{types::Shape::Circle{0.0}});
  EXPECT_TRUE(rt::exports::ViaHostResult(::witgen::Expected<std::string, uint32_t>::Err(3)).ok());
}

}  // namespace
}  // namespace witgen_test
