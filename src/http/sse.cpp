#include "http/sse.hpp"

#include "http/error.hpp"

#include <algorithm>

namespace mcpgate::http {

namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits on CRLF, LF or CR, as the event stream grammar does; calls `line` for each line.
template <class F>
void for_each_line(std::string_view text, F&& line) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      line(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  line(text.substr(start));
}

}  // namespace

error_code sse_reader::feed(std::string_view bytes) {
  return feed(bytes, [this](sse_event&& e) { queue_.push_back(std::move(e)); });
}

std::optional<sse_event> sse_reader::next() {
  if (queue_.empty()) {
    return std::nullopt;
  }
  sse_event e = std::move(queue_.front());
  queue_.pop_front();
  return e;
}

error_code sse_reader::feed(std::string_view bytes, const callback& on_event) {
  if (failed_) {
    return failed_;
  }
  // A UTF-8 BOM may open the stream and is not part of the first line; it can arrive split.
  while (!bom_checked_ && !bytes.empty()) {
    if (bytes.front() == bom[bom_matched_]) {
      bytes.remove_prefix(1);
      ++offset_;
      ++block_bytes_;
      if (++bom_matched_ == bom.size()) {
        bom_checked_ = true;
      }
    } else {
      // Not a BOM after all: the bytes taken so far are ordinary line content.
      line_.append(bom.substr(0, bom_matched_));
      bom_checked_ = true;
    }
  }
  while (!bytes.empty()) {
    if (after_cr_) {
      // The LF of a CRLF split across feeds: it ended no line, it belongs to the CR before it.
      after_cr_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        ++offset_;
        ++block_bytes_;
        continue;
      }
    }
    std::size_t eol = bytes.find_first_of("\r\n");
    std::size_t take = eol == std::string_view::npos ? bytes.size() : eol;
    if (block_bytes_ + take > limits_.max_event_bytes) {
      failed_ = make_error_code(errc::sse_event_too_large);
      return failed_;
    }
    line_.append(bytes.substr(0, take));
    block_bytes_ += take;
    offset_ += take;
    bytes.remove_prefix(take);
    if (eol == std::string_view::npos) {
      break;
    }
    // Consume the line end now, and the LF of a CRLF too when it is already here, so that an
    // event's raw extent ends after its complete terminator.
    std::size_t end_len = 1;
    if (bytes.front() == '\r') {
      if (bytes.size() > 1 && bytes[1] == '\n') {
        end_len = 2;
      } else if (bytes.size() == 1) {
        after_cr_ = true;
      }
    }
    bytes.remove_prefix(end_len);
    offset_ += end_len;
    block_bytes_ += end_len;
    std::string line = std::move(line_);
    line_.clear();
    process_line(line, on_event);
  }
  return {};
}

void sse_reader::process_line(std::string_view line, const callback& on_event) {
  if (line.empty()) {
    dispatch(on_event);
    return;
  }
  if (line.front() == ':') {
    return;  // comment
  }
  std::string_view name = line;
  std::string_view value;
  if (auto colon = line.find(':'); colon != std::string_view::npos) {
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
  }
  if (name == "event") {
    event_.assign(value);
  } else if (name == "data") {
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) {
      last_id_.assign(value);
    }
  } else if (name == "retry") {
    if (all_digits(value) && value.size() <= 18) {  // 18 digits cannot overflow 64 bits
      std::uint64_t ms = 0;
      for (char c : value) {
        ms = ms * 10 + static_cast<std::uint64_t>(c - '0');
      }
      retry_ = ms;
      block_retry_ = ms;
    }
  }
  // Any other field name is ignored, as the spec says.
}

void sse_reader::dispatch(const callback& on_event) {
  if (has_data_) {
    sse_event e;
    e.event = std::move(event_);
    data_.pop_back();  // the '\n' after the last data line
    e.data = std::move(data_);
    e.id = last_id_;
    e.retry = block_retry_;
    e.raw_begin = block_begin_;
    e.raw_end = offset_;
    on_event(std::move(e));
  }
  event_.clear();
  data_.clear();
  has_data_ = false;
  block_retry_.reset();
  block_begin_ = offset_;
  block_bytes_ = 0;
}

error_code append_event(std::string& out, const sse_message& message) {
  if (message.event.find_first_of("\r\n") != std::string_view::npos ||
      message.id.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    return make_error_code(errc::sse_invalid_field);
  }
  if (!message.event.empty()) {
    out.append("event: ").append(message.event).push_back('\n');
  }
  if (!message.id.empty()) {
    out.append("id: ").append(message.id).push_back('\n');
  }
  if (message.retry) {
    out.append("retry: ").append(std::to_string(*message.retry)).push_back('\n');
  }
  if (!message.data.empty() || message.always_data) {
    for_each_line(message.data, [&out](std::string_view line) {
      out.append("data:");
      if (!line.empty()) {
        // One space after the colon is stripped by the reader, so a line that itself starts
        // with a space survives.
        out.push_back(' ');
        out.append(line);
      }
      out.push_back('\n');
    });
  }
  out.push_back('\n');
  return {};
}

std::string format_event(const sse_message& message) {
  std::string out;
  if (append_event(out, message)) {
    out.clear();
  }
  return out;
}

void append_comment(std::string& out, std::string_view text) {
  for_each_line(text, [&out](std::string_view line) {
    out.push_back(':');
    if (!line.empty()) {
      out.push_back(' ');
      out.append(line);
    }
    out.push_back('\n');
  });
}

}  // namespace mcpgate::http
