// operators.h — the table of verifiable bot operators: which bot IDs each runs and the host
// name suffixes its reverse DNS uses (docs/bot-verification.md lists the sources).
#pragma once

#include <string_view>
#include <vector>

#include "warden/bot_verifier.h"

namespace warden::internal {

// True when `name` is an operator in the table ("google", "bing", ...).
bool IsBotOperatorName(std::string_view name);

// True when `host` (lower case, no trailing dot) is `suffix` or ends in "." + `suffix`.
bool HostMatchesSuffix(std::string_view host, std::string_view suffix);

// The bot IDs of the table in table order (for the test that checks it is sorted).
std::vector<std::string_view> BotOperatorTableIdsForTest();

}  // namespace warden::internal
