// warden::Status — the error half of every fallible warden call.
//
// A Status is OK or carries a code and a message. OK holds no allocation, so returning
// Status::Ok() from a hot path costs a null pointer. Verdicts (a bot, an invalid email) are
// never a Status: Status means "could not evaluate".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace warden {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller's input or config is malformed
  kNotFound,           // something asked for does not exist
  kTrap,               // the sandboxed guest trapped (out of bounds, unreachable, stack)
  kGuestAbiViolation,  // the guest returned a pointer, length or tag that fails a check
  kResourceExhausted,  // a configured limit (guest memory, pool size) was reached
  kDeadlineExceeded,   // an outside part did not answer in time
  kUnavailable,        // an outside part (Redis, DNS, server) cannot be reached
  kInternal,           // a broken invariant inside warden
};

// Returns the stable lower-case name of a code, e.g. "invalid-argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // OK.
  Status() = default;
  Status(StatusCode code, std::string message)
      : state_(code == StatusCode::kOk ? nullptr
                                       : std::make_shared<const State>(State{code, std::move(message)})) {}

  static Status Ok() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // The message; empty when OK.
  const std::string& message() const;
  // "<code-name>: <message>", or "ok".
  std::string ToString() const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;  // null when OK; shared so copies are cheap
};

inline Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status TrapError(std::string m) { return {StatusCode::kTrap, std::move(m)}; }
inline Status GuestAbiError(std::string m) { return {StatusCode::kGuestAbiViolation, std::move(m)}; }
inline Status ResourceExhaustedError(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
inline Status DeadlineExceededError(std::string m) { return {StatusCode::kDeadlineExceeded, std::move(m)}; }
inline Status UnavailableError(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

}  // namespace warden

// Returns the Status of `expr` from the enclosing function if it is not OK.
#define WARDEN_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::warden::Status warden_status_ = (expr);        \
    if (!warden_status_.ok()) return warden_status_; \
  } while (0)
