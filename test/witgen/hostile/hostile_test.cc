// The wasm2c host glue against a guest that breaks the Canonical ABI (hostile.wat): every
// bad pointer, length, alignment, discriminant, UTF-8 sequence and char is kGuestAbiViolation;
// a guest trap is kTrap; nothing crashes.
#include <gtest/gtest.h>

#include "hostile_host.h"

namespace witgen_test {
namespace {

namespace hw = ::witgen::hostile::hostile;
using warden::StatusCode;

class Hostile : public ::testing::Test {
 protected:
  // A fresh instance per call: a failed call poisons its instance.
  std::unique_ptr<hw::wasm2c::Instance> Fresh() {
    auto r = hw::wasm2c::Instance::Create(&imports_, 16);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r.value());
  }
  hw::Imports imports_;
};

TEST_F(Hostile, ValidValuesPass) {
  EXPECT_EQ(Fresh()->GetString(0).value(), "hi");
  EXPECT_EQ(Fresh()->GetList(0).value(), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(Fresh()->GetVariant(0).value(), hw::V{hw::V::A{7}});
  EXPECT_EQ(Fresh()->GetChar(0).value(), U'\U0001F600');
}

TEST_F(Hostile, BadStrings) {
  for (uint32_t mode : {1u, 2u, 3u, 4u}) {
    auto r = Fresh()->GetString(mode);
    EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation)
        << mode << " " << r.status().ToString();
  }
}

TEST_F(Hostile, BadLists) {
  for (uint32_t mode : {1u, 2u}) {
    auto r = Fresh()->GetList(mode);
    EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation)
        << mode << " " << r.status().ToString();
  }
}

TEST_F(Hostile, BadDiscriminant) {
  auto r = Fresh()->GetVariant(1);
  EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation) << r.status().ToString();
  EXPECT_NE(r.status().message().find("discriminant"), std::string::npos);
}

TEST_F(Hostile, ListMembersOfARecord) {
  auto ok = Fresh()->GetTags(0);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->names, (std::vector<std::string>{"hi"}));
  EXPECT_TRUE(ok->more.empty());
  EXPECT_TRUE(ok->flag);
  auto utf8 = Fresh()->GetTags(1);  // the first member fails, the second lifts fine
  EXPECT_EQ(utf8.status().code(), StatusCode::kGuestAbiViolation) << utf8.status().ToString();
  EXPECT_NE(utf8.status().message().find("UTF-8"), std::string::npos);
  auto misaligned = Fresh()->GetTags(2);  // an empty list is still checked
  EXPECT_EQ(misaligned.status().code(), StatusCode::kGuestAbiViolation)
      << misaligned.status().ToString();
  EXPECT_NE(misaligned.status().message().find("misaligned"), std::string::npos);
}

TEST_F(Hostile, BadChars) {
  for (uint32_t mode : {1u, 2u}) {
    auto r = Fresh()->GetChar(mode);
    EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation)
        << mode << " " << r.status().ToString();
  }
}

TEST_F(Hostile, BadImportArgumentsTrapInTheThunk) {
  std::string got;
  imports_.take_string = [&](const std::string& s) { got = s; };
  imports_.give_string = [] { return std::string("back"); };
  EXPECT_TRUE(Fresh()->CallHost(0).ok());
  EXPECT_EQ(got, "hi");
  for (uint32_t mode : {1u, 2u, 3u, 4u}) {
    warden::Status s = Fresh()->CallHost(mode);
    EXPECT_EQ(s.code(), StatusCode::kTrap) << mode << " " << s.ToString();
    EXPECT_NE(s.message().find(mode <= 2 ? "import take-string" : "import give-string"),
              std::string::npos)
        << s.ToString();
  }
}

TEST_F(Hostile, UnboundImportTraps) {
  warden::Status s = Fresh()->CallHost(0);
  EXPECT_EQ(s.code(), StatusCode::kTrap);
  EXPECT_NE(s.message().find("import take-string not bound"), std::string::npos) << s.ToString();
}

TEST_F(Hostile, TrapIsKTrap) {
  auto inst = Fresh();
  EXPECT_EQ(inst->Boom().code(), StatusCode::kTrap);
  EXPECT_EQ(inst->GetString(0).status().code(), StatusCode::kInternal);
}

// Arguments are lowered inside the same guest entry as the export call: a trap in
// cabi_realloc is still kTrap, and a bad address from it is still kGuestAbiViolation. The host
// asks for one block of all argument data, each piece rounded up to 8 bytes: hostile.wat's
// cabi_realloc traps on a 24-byte request and returns an out-of-bounds block for 32 bytes.
TEST_F(Hostile, LoweringThroughCabiRealloc) {
  EXPECT_EQ(Fresh()->StringLen("hello").value(), 5u);
  EXPECT_EQ(Fresh()->StringLen("").value(), 0u);
  auto inst = Fresh();
  warden::Result<uint32_t> trapped = inst->StringLen(std::string(20, 'x'));
  EXPECT_EQ(trapped.status().code(), StatusCode::kTrap) << trapped.status().ToString();
  EXPECT_NE(trapped.status().message().find("cabi_realloc"), std::string::npos);
  EXPECT_EQ(inst->StringLen("ok").status().code(), StatusCode::kInternal);
  warden::Result<uint32_t> bad = Fresh()->StringLen(std::string(30, 'x'));
  EXPECT_EQ(bad.status().code(), StatusCode::kGuestAbiViolation) << bad.status().ToString();
  EXPECT_NE(bad.status().message().find("cabi_realloc result"), std::string::npos);
}

}  // namespace
}  // namespace witgen_test
