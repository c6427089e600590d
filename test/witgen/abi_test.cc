// Unit tests of the generator's Canonical ABI layout: sizes, alignments, discriminants and
// flattening (with variant payload joining) of parsed WIT types.
#include "src/abi.h"

#include <gtest/gtest.h>

#include "src/parser.h"
#include "src/resolver.h"

namespace witgen {
namespace {

// Parses a world with `decls` that exports `f: func(x: <type>)` and returns the type of x.
class AbiTest : public ::testing::Test {
 protected:
  const Type& Parse(const std::string& decls, const std::string& type) {
    std::string src =
        "package t:t@1.0.0;\nworld w {\n" + decls + "\n  export f: func(x: " + type + ");\n}\n";
    pkg_ = std::make_unique<Package>();
    model_ = Model();
    Error e;
    EXPECT_TRUE(ParseFile("t.wit", src, pkg_.get(), &e)) << e.ToString();
    EXPECT_TRUE(ResolveWorld(pkg_.get(), "w", &model_, &e)) << e.ToString();
    return *model_.export_funcs.at(0)->params.at(0).type;
  }
  std::unique_ptr<Package> pkg_;
  Model model_;
};

using F = FlatType;

TEST_F(AbiTest, Scalars) {
  EXPECT_EQ(LayoutOf(Parse("", "u8")).size, 1u);
  EXPECT_EQ(LayoutOf(Parse("", "u64")).align, 8u);
  EXPECT_EQ(FlatOf(Parse("", "s64")), std::vector<F>{F::kI64});
  EXPECT_EQ(FlatOf(Parse("", "char")), std::vector<F>{F::kI32});
  EXPECT_EQ(FlatOf(Parse("", "string")), (std::vector<F>{F::kI32, F::kI32}));
  Layout s = LayoutOf(Parse("", "string"));
  EXPECT_EQ(s.size, 8u);
  EXPECT_EQ(s.align, 4u);
}

TEST_F(AbiTest, RecordPadding) {
  const Type& t = Parse("record r { a: u8, b: u64, c: u16 }", "r");
  Layout l = LayoutOf(t);
  EXPECT_EQ(l.size, 24u);
  EXPECT_EQ(l.align, 8u);
}

TEST_F(AbiTest, OptionAndResult) {
  Layout o = LayoutOf(Parse("", "option<u64>"));
  EXPECT_EQ(o.size, 16u);
  EXPECT_EQ(o.align, 8u);
  EXPECT_EQ(FlatOf(Parse("", "option<u64>")), (std::vector<F>{F::kI32, F::kI64}));
  EXPECT_EQ(FlatOf(Parse("", "result")), std::vector<F>{F::kI32});
  EXPECT_EQ(LayoutOf(Parse("", "result<_, u8>")).size, 2u);
  EXPECT_EQ(FlatOf(Parse("", "result<string, u32>")), (std::vector<F>{F::kI32, F::kI32, F::kI32}));
}

TEST_F(AbiTest, VariantJoin) {
  const Type& t = Parse("variant v { a(u32), b(f32), c(u64), d(f64), e(string) }", "v");
  EXPECT_EQ(FlatOf(t), (std::vector<F>{F::kI32, F::kI64, F::kI32}));
  const Type& u = Parse("variant v { a(u32), b(f32) }", "v");
  EXPECT_EQ(FlatOf(u), (std::vector<F>{F::kI32, F::kI32}));
  const Type& w = Parse("variant v { a(f32), b(f32) }", "v");
  EXPECT_EQ(FlatOf(w), (std::vector<F>{F::kI32, F::kF32}));
}

TEST_F(AbiTest, EnumsAndFlags) {
  EXPECT_EQ(LayoutOf(Parse("enum e { a, b }", "e")).size, 1u);
  std::string many = "flags f {";
  for (int i = 0; i < 40; ++i) many += " x" + std::to_string(i) + ",";
  many += " }";
  const Type& f = Parse(many, "f");
  EXPECT_EQ(LayoutOf(f).size, 8u);
  EXPECT_EQ(FlatOf(f), (std::vector<F>{F::kI32, F::kI32}));
  EXPECT_EQ(LayoutOf(Parse("flags g { a, b, c, d, e, f, g, h, i }", "g")).size, 2u);
  EXPECT_EQ(DiscriminantSize(256), 1u);
  EXPECT_EQ(DiscriminantSize(257), 2u);
}

TEST_F(AbiTest, ListsAndTuples) {
  EXPECT_EQ(FlatOf(Parse("", "list<u64>")), (std::vector<F>{F::kI32, F::kI32}));
  Layout t = LayoutOf(Parse("", "tuple<u8, u32, u8>"));
  EXPECT_EQ(t.size, 12u);
  EXPECT_EQ(t.align, 4u);
}

}  // namespace
}  // namespace witgen
