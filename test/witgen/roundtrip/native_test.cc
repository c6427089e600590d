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

// Native callers pass owned values; the owned overloads convert them to views (ViewOf) and
// the echoes copy the views back (ToOwned), so every view form goes there and back.
TEST(NativeGlue, OwnedOverloadsRoundTripThroughViews) {
  types::ManyFlags flags;
  flags.f3 = true;
  const types::Big big{types::Scalars{true, 1, -2, 3, -4, 5, -6, 7, -8, 0.5f, 0.25, U'x'},
                       "big",
                       {"", "one", "a longer string than any small-string buffer"},
                       types::Point{-1, 2},
                       uint64_t{7},
                       types::Shape{types::Shape::Named{"n"}},
                       types::Color::kGreen,
                       flags};
  EXPECT_EQ(rt::exports::EchoBig(big), big);
  const std::vector<std::vector<uint32_t>> nested{{}, {1, 2}, {3}};
  EXPECT_EQ(rt::exports::EchoNested(nested), nested);
  const std::vector<std::string> strings{"a", "", "c"};
  EXPECT_EQ(rt::exports::EchoStrings(strings), strings);
  const std::vector<std::tuple<std::string, std::string>> pairs{{"k", "v"}, {"", ""}};
  EXPECT_EQ(rt::exports::EchoPairs(pairs), pairs);
  const std::tuple<std::string, uint8_t, double> tuple{"t", 9, 1.5};
  EXPECT_EQ(rt::exports::EchoTuple(tuple), tuple);
  EXPECT_EQ(rt::exports::EchoOption(std::optional<std::string>("o")), "o");
  EXPECT_EQ(rt::exports::EchoResultErr(::witgen::Expected<std::monostate, std::string>::Err("e")),
            (::witgen::Expected<std::monostate, std::string>::Err("e")));
  EXPECT_EQ(rt::exports::EchoString(std::string("s")), "s");
  EXPECT_EQ(rt::exports::EchoBytes(types::Bytes{1, 2, 3}), (types::Bytes{1, 2, 3}));
}

// A ViewArena keeps views of more than its inline capacity valid (they move to the heap).
TEST(NativeGlue, ViewArenaGrowsPastItsInlineBuffer) {
  std::vector<std::string> many(500, "x");
  many[499] = "last";
  ::witgen::ViewArena arena;
  std::span<const std::string_view> view = ::witgen::ViewOf(many, arena);
  ASSERT_EQ(view.size(), 500u);
  EXPECT_EQ(view[499], "last");
  EXPECT_EQ(::witgen::ToOwned(view), many);
}

}  // namespace
}  // namespace witgen_test
