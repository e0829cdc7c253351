#include "config/yaml_source.hpp"

#include "config/error.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace mcpgate::config {

std::string read_config_file(const std::filesystem::path& path, const load_limits& limits) {
  const std::string name = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw config_error{{name}, "", "cannot read: not a regular file or does not exist"};
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    throw config_error{{name}, "", "cannot read: " + ec.message()};
  }
  if (size > limits.max_file_bytes) {
    throw config_error{{name},
                       "",
                       "file is " + std::to_string(size) + " bytes, more than the limit of " +
                           std::to_string(limits.max_file_bytes)};
  }
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    throw config_error{{name}, "", "cannot open for reading"};
  }
  std::string text;
  text.reserve(size);
  // Read at most one byte past the limit: the file may grow between stat and read.
  std::istreambuf_iterator<char> it{in};
  const std::istreambuf_iterator<char> end;
  while (it != end && text.size() <= limits.max_file_bytes) {
    text += *it++;
  }
  if (text.size() > limits.max_file_bytes) {
    throw config_error{{name}, "", "file grew beyond the limit while being read"};
  }
  return text;
}

namespace {

// A line-oriented estimate of YAML nesting depth: block levels from the indentation stack and
// from compact indicators ("- - x", "- key: v"), flow levels from brackets outside quotes and
// comments. Block scalar bodies ("|", ">") are skipped: their indentation is text, not structure.
class nesting_scanner {
 public:
  nesting_scanner(const std::string& file, std::size_t max_depth)
      : file_{file}, max_depth_{max_depth} {}

  void line(std::string_view text, int number) {
    std::size_t indent = 0;
    while (indent < text.size() && text[indent] == ' ') {
      ++indent;
    }
    const bool blank = indent == text.size() || text[indent] == '#' || text[indent] == '\r';
    if (block_scalar_parent_ >= 0) {
      if (blank || static_cast<long>(indent) > block_scalar_parent_) {
        return;
      }
      block_scalar_parent_ = -1;
    }
    if (blank && !in_quote()) {
      return;
    }
    if (!in_quote() && flow_depth_ == 0) {
      while (!indents_.empty() && indents_.back() > indent) {
        indents_.pop_back();
      }
      if (indents_.empty() || indents_.back() < indent) {
        indents_.push_back(indent);
      }
    }
    scan(text.substr(indent), indent, number);
  }

 private:
  bool in_quote() const { return quote_ != 0; }

  void check(std::size_t inline_levels, int number, std::size_t column) const {
    if (indents_.size() + inline_levels + flow_depth_ > max_depth_) {
      throw config_error{
          {file_, number, static_cast<int>(column) + 1},
          "",
          "YAML nests deeper than the limit of " + std::to_string(max_depth_) + " levels"};
    }
  }

  void scan(std::string_view text, std::size_t indent, int number) {
    std::size_t inline_levels = 0;
    bool at_scalar_start = !in_quote();  // a quote or a bracket here opens something
    bool in_plain = false;               // inside a plain (unquoted) scalar outside brackets
    if (!in_quote() && (text.substr(0, 3) == "---" || text.substr(0, 3) == "...") &&
        (text.size() == 3 || text[3] == ' ')) {
      text.remove_prefix(3);  // a document marker, not the start of a plain scalar
      indent += 3;
    }
    std::size_t last_token = 0;
    std::size_t content_end = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (quote_ == '"') {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote_ = 0;
        }
        continue;
      }
      if (quote_ == '\'') {
        if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
        } else if (c == '\'') {
          quote_ = 0;
        }
        continue;
      }
      const bool space_after = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\r';
      if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
        content_end = i;
        break;
      }
      if (c == ' ' || c == '\t') {
        continue;
      }
      if (c != '\r') {
        last_token = i;
      }
      if (c == ',' && flow_depth_ == 0 && !in_plain) {
        // Not valid YAML, and yaml-cpp 0.7 loops forever on it after a top-level node
        // ("[a],", "\"x\",", "- a\n,"): refuse it before the parser sees it.
        throw config_error{{file_, number, static_cast<int>(indent + i) + 1},
                           "",
                           "unexpected ',' outside [ ] or { } (quote the value if it starts "
                           "with a comma)"};
      }
      if ((c == '-' || c == '?' || c == ':') && space_after) {
        in_plain = false;
        if (flow_depth_ == 0 && c != ':') {
          ++inline_levels;
        } else if (flow_depth_ == 0 && c == ':') {
          ++inline_levels;  // a mapping opened after "- " on the same line
        }
        at_scalar_start = true;
        check(inline_levels, number, indent + i);
        continue;
      }
      if ((c == '"' || c == '\'') && at_scalar_start) {
        quote_ = c;
        at_scalar_start = false;
        continue;
      }
      if ((c == '[' || c == '{') && (at_scalar_start || flow_depth_ > 0)) {
        ++flow_depth_;
        check(inline_levels, number, indent + i);
        at_scalar_start = true;
        continue;
      }
      if ((c == ']' || c == '}') && flow_depth_ > 0) {
        --flow_depth_;
        continue;
      }
      if (c == ',' && flow_depth_ > 0) {
        at_scalar_start = true;
        continue;
      }
      if ((c == '&' || c == '!') && at_scalar_start) {
        // An anchor or tag before the node: skip its name, the node itself follows.
        while (i + 1 < text.size() && text[i + 1] != ' ') {
          ++i;
        }
        continue;
      }
      at_scalar_start = false;
      in_plain = flow_depth_ == 0;
    }
    if (!in_quote() && flow_depth_ == 0 && last_token < content_end) {
      std::string_view tail = text.substr(0, content_end);
      while (!tail.empty() && (tail.back() == ' ' || tail.back() == '\r' || tail.back() == '\t')) {
        tail.remove_suffix(1);
      }
      const auto start = tail.find_last_of(' ');
      const auto token = start == std::string_view::npos ? tail : tail.substr(start + 1);
      if (!token.empty() && (token.front() == '|' || token.front() == '>') &&
          token.find_first_not_of("-+0123456789", 1) == std::string_view::npos) {
        block_scalar_parent_ = static_cast<long>(indent);
      }
    }
  }

  const std::string& file_;
  std::size_t max_depth_;
  std::vector<std::size_t> indents_;
  std::size_t flow_depth_ = 0;
  char quote_ = 0;
  long block_scalar_parent_ = -1;
};

// Counts the documents of a stream with yaml-cpp's event parser and stops past a bound.
// yaml-cpp 0.7's LoadAll never returns on some malformed input (a stray flow terminator at the
// top level: it starts empty documents forever, each one kept; fuzz/corpus/config/
// yaml-cpp-loadall-endless): counting first turns that into an error.
class document_counter final : public YAML::EventHandler {
 public:
  explicit document_counter(std::size_t bound) : bound_{bound} {}
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++count_ > bound_) {
      throw too_many{mark};
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  struct too_many {
    YAML::Mark mark;
  };

 private:
  std::size_t bound_;
  std::size_t count_ = 0;
};

}  // namespace

void check_nesting(std::string_view text, const std::string& file, const load_limits& limits) {
  nesting_scanner scanner{file, limits.max_nesting_depth};
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    scanner.line(text.substr(0, end), ++number);
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
}

std::vector<YAML::Node> parse_documents(std::string_view text, const std::string& file,
                                        const load_limits& limits) {
  if (text.size() > limits.max_file_bytes) {
    throw config_error{
        {file},
        "",
        "text is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes"};
  }
  check_nesting(text, file, limits);
  std::vector<YAML::Node> documents;
  try {
    // Empty documents do not count against max_documents, but their number is bounded too.
    std::istringstream stream{std::string{text}};
    YAML::Parser parser{stream};
    document_counter counter{limits.max_documents * 4 + 4};
    try {
      while (parser.HandleNextDocument(counter)) {
      }
    } catch (const document_counter::too_many& e) {
      throw config_error{
          {file, e.mark.line + 1, e.mark.column + 1},
          "",
          "more than " + std::to_string(limits.max_documents) + " YAML documents in one file"};
    }
    documents = YAML::LoadAll(std::string{text});
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    const int column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    throw config_error{{file, line, column}, "", "invalid YAML: " + e.msg};
  }
  std::vector<YAML::Node> kept;
  for (auto& doc : documents) {
    if (doc.IsNull() || !doc.IsDefined()) {
      continue;
    }
    if (kept.size() == limits.max_documents) {
      throw config_error{
          {file, doc.Mark().line + 1, doc.Mark().column + 1},
          "",
          "more than " + std::to_string(limits.max_documents) + " YAML documents in one file"};
    }
    kept.push_back(std::move(doc));
  }
  return kept;
}

}  // namespace mcpgate::config
