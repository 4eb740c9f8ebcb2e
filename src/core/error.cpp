#include "ember/core/error.hpp"

#include <array>

namespace ember {
namespace {

struct ErrorText {
  Error value;
  std::string_view name;
  std::string_view message;
};

constexpr std::array kErrorTexts = {
#define EMBER_ERROR_TEXT(name, value, text) ErrorText{Error::name, #name, text},
    EMBER_ERROR_LIST(EMBER_ERROR_TEXT)
#undef EMBER_ERROR_TEXT
};

// The numbers are unique (the enum would compile with duplicates).
constexpr bool numbers_unique() {
  for (size_t i = 0; i < kErrorTexts.size(); ++i)
    for (size_t j = i + 1; j < kErrorTexts.size(); ++j)
      if (kErrorTexts[i].value == kErrorTexts[j].value) return false;
  return true;
}
static_assert(numbers_unique(), "two Error values share a number");

const ErrorText* find(Error e) {
  for (const auto& t : kErrorTexts)
    if (t.value == e) return &t;
  return nullptr;
}

}  // namespace

std::string_view error_name(Error e) noexcept {
  const ErrorText* t = find(e);
  return t != nullptr ? t->name : "unknown_error";
}

std::string_view error_message(Error e) noexcept {
  const ErrorText* t = find(e);
  return t != nullptr ? t->message : "unknown error";
}

}  // namespace ember
