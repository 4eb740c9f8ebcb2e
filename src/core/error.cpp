#include "ember/core/error.hpp"

#include <array>

namespace ember {
namespace {

struct ErrorText {
  std::string_view name;
  std::string_view message;
};

constexpr std::array kErrorTexts = {
#define EMBER_ERROR_TEXT(name, text) ErrorText{#name, text},
    EMBER_ERROR_LIST(EMBER_ERROR_TEXT)
#undef EMBER_ERROR_TEXT
};

}  // namespace

std::string_view error_name(Error e) noexcept {
  auto index = static_cast<size_t>(e);
  return index < kErrorTexts.size() ? kErrorTexts[index].name : "unknown_error";
}

std::string_view error_message(Error e) noexcept {
  auto index = static_cast<size_t>(e);
  return index < kErrorTexts.size() ? kErrorTexts[index].message : "unknown error";
}

}  // namespace ember
