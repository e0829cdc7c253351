#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::json {

// Reading a JSON text in place, without building a value: the functions below give offsets into
// the text, so that a caller can cut the original bytes apart and splice them together again
// (gateway/list_filter.cpp).
//
// Precondition: the text is a document that validate() (json/strict.hpp) accepted. They then only
// find boundaries and do not check the grammar again. On any other text they still never read
// outside it, and report failure (npos, nullopt, failed()) where the text does not look as
// expected; but they may accept what is not JSON, and their answers are then meaningless.

constexpr std::size_t npos = std::string_view::npos;

// The bytes [begin, end) of the text.
struct range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The offset of the first byte at or after `pos` that is not JSON whitespace; text.size() if none.
std::size_t skip_whitespace(std::string_view text, std::size_t pos) noexcept;

// The offset just past the value that starts at `pos` (no whitespace before it); npos if none does.
std::size_t value_end(std::string_view text, std::size_t pos) noexcept;

// The text of a string token (quotes included) as the strict parser decodes it: a view of the
// token's own bytes when it has no escape (the usual case, no copy), otherwise a view of `buffer`
// holding the decoded text. nullopt if `token` is not one string.
std::optional<std::string_view> decode_string(std::string_view token, std::string& buffer);

// Where the value of the member called `name` starts, in the object whose '{' is at `pos`. Names
// are compared decoded ("na\u006de" is "name"); validate() rejected duplicate names, so the first
// match is the only one. npos when the object has no such member; nullopt when there is no
// object at `pos` or it cannot be read.
std::optional<std::size_t> find_member(std::string_view text, std::size_t pos,
                                       std::string_view name);

// The elements of the array whose '[' is at `pos`, in order:
//   array_reader elements{text, pos};
//   while (auto e = elements.next()) { ... }
//   if (elements.failed()) { ... }
class array_reader {
 public:
  array_reader(std::string_view text, std::size_t pos) noexcept;

  // The next element, or nullopt after the last one and where the text is not as expected.
  std::optional<range> next() noexcept;

  // Whether next() stopped anywhere but at the closing bracket (or there was no array at `pos`).
  bool failed() const noexcept { return state_ == state::failed; }

 private:
  enum class state : std::uint8_t { first, more, done, failed };

  std::string_view text_;
  std::size_t pos_;  // just past the '[' or the previous element
  state state_;
};

}  // namespace mcpgate::json
