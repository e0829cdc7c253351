#pragma once

// Server-Sent Events (WHATWG HTML "Server-sent events", §9.2 "interpreting an event stream"):
// an incremental reader and the formatting functions. Pure: no I/O, so a stream can be parsed
// piece by piece as it arrives and passed on without being buffered whole.

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::http {

struct sse_limits {
  // Bytes one event may take on the wire (all its lines, including comments). Bounds the memory
  // a hostile upstream can make us hold for an event that never ends.
  std::size_t max_event_bytes = 1 << 20;
};

// One dispatched event.
struct sse_event {
  std::string event;  // the "event" field; empty means the default type "message"
  std::string data;   // data lines joined with '\n' (no trailing '\n')
  std::string id;     // the last event ID at dispatch (it persists across events, per the spec)
  std::optional<std::uint64_t> retry;  // a valid "retry" field inside this event, if any
  // The event's raw bytes in the stream: [raw_begin, raw_end) as absolute offsets from the first
  // byte ever fed (a leading BOM included). raw_begin is where the previous block (dispatched or
  // not) ended, raw_end is just past the blank line that dispatched it (when a feed ends between
  // the CR and LF of that line's CRLF, the event is dispatched at once and the LF becomes the
  // first byte of the next extent). Bytes between the end of
  // one event and the start of the next are blocks that dispatched nothing (comments, blocks
  // without data) and may be passed through verbatim.
  std::uint64_t raw_begin = 0;
  std::uint64_t raw_end = 0;
};

// Incremental reader. Feed it arbitrary pieces (a line end, even a CRLF pair, may be split across
// pieces); complete events come out through the callback or the pull API. Not thread-safe.
class sse_reader {
 public:
  using callback = std::function<void(sse_event&&)>;

  explicit sse_reader(sse_limits limits = {}) : limits_(limits) {}

  // Parses `bytes`; each event completed by them goes to `on_event`, in order. On an error
  // (errc::sse_event_too_large) the reader is failed: every later call returns the same error.
  error_code feed(std::string_view bytes, const callback& on_event);

  // Pull API: parses `bytes` and queues the completed events for next().
  error_code feed(std::string_view bytes);
  // The oldest queued event, if any.
  std::optional<sse_event> next();

  // There is no end-of-stream call: an unterminated last event is discarded, as the spec says.

  // The total number of bytes fed.
  std::uint64_t bytes_fed() const noexcept { return offset_; }
  // Where the current, unfinished block starts: every byte before it belongs to a finished block
  // (an event, or one that dispatched nothing, such as a comment), and every later event's
  // raw_begin is at or after it.
  std::uint64_t block_begin() const noexcept { return block_begin_; }
  // The last valid "retry" value seen (milliseconds), if any.
  std::optional<std::uint64_t> retry() const noexcept { return retry_; }
  // The last event ID buffer (persists across events).
  const std::string& last_event_id() const noexcept { return last_id_; }

 private:
  void process_line(std::string_view line, const callback& on_event);
  void dispatch(const callback& on_event);

  sse_limits limits_;
  std::string line_;             // the current, unterminated line
  bool after_cr_ = false;        // the previous byte was CR: a following LF belongs to it
  bool bom_checked_ = false;     // the leading U+FEFF has been looked for
  std::size_t bom_matched_ = 0;  // bytes of a possible BOM seen so far
  error_code failed_;
  std::uint64_t offset_ = 0;       // absolute offset of the next byte to parse
  std::uint64_t block_begin_ = 0;  // absolute offset where the current block started
  std::size_t block_bytes_ = 0;    // bytes of the current block so far (the limit counts these)
  // The event being assembled.
  std::string event_;
  std::string data_;
  bool has_data_ = false;
  std::optional<std::uint64_t> block_retry_;
  std::string last_id_;
  std::optional<std::uint64_t> retry_;
  std::deque<sse_event> queue_;
};

// What the writer formats. Fields left empty/unset are not written.
struct sse_message {
  std::string_view event;  // must not contain CR or LF
  std::string_view id;     // must not contain CR, LF or NUL
  std::string_view data;   // may span lines (CRLF, LF or CR): each becomes its own "data:" line
  std::optional<std::uint64_t> retry;
  // When false and `data` is empty, no "data:" line is written (the event then dispatches
  // nothing on the receiving side; useful for id/retry-only blocks).
  bool always_data = true;
};

// Appends one event block, ending with the blank line, to `out`. On errc::sse_invalid_field
// nothing is appended.
error_code append_event(std::string& out, const sse_message& message);

// Formats one event block (see append_event); empty string on error.
std::string format_event(const sse_message& message);

// Appends comment lines (":" + text), one per line of `text`, without a blank line: comments
// keep a connection alive through proxies without dispatching anything.
void append_comment(std::string& out, std::string_view text);

}  // namespace mcpgate::http
