#include "config/structure.h"

#include <cctype>
#include <map>
#include <string>

#include "config/input_file.h"

namespace reesim::config {
namespace {

// Tracks line and column while walking a text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  [[nodiscard]] bool done() const { return at_ >= text_.size(); }
  [[nodiscard]] char peek() const { return done() ? '\0' : text_[at_]; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }
  [[nodiscard]] std::size_t offset() const { return at_; }
  [[nodiscard]] std::string_view text(std::size_t from, std::size_t to) const {
    return text_.substr(from, to - from);
  }
  char next() {
    const char c = text_[at_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // count UTF-8 code points, not bytes
    }
    return c;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// The name protobuf's JSON parser reads a member name as: "tick_days" and "tickDays" are one
// field (lowerCamelCase, as protobuf derives a field's JSON name).
std::string json_name(std::string_view name) {
  std::string camel;
  bool upper = false;
  for (const char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    camel.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return camel;
}

class JsonChecker {
 public:
  JsonChecker(const std::string& path, std::string_view text, Diagnostics& diagnostics)
      : path_(path), cursor_(text), diagnostics_(diagnostics) {}

  bool run() {
    skip_space();
    if (!value(1)) return false;
    skip_space();
    if (!cursor_.done()) return fail("unexpected content after the JSON value");
    return true;
  }

 private:
  bool fail(const std::string& message) {
    diagnostics_.at_text(path_, cursor_.line(), cursor_.column(), message);
    return false;
  }

  void skip_space() {
    while (cursor_.peek() == ' ' || cursor_.peek() == '\t' || cursor_.peek() == '\n' ||
           cursor_.peek() == '\r')
      cursor_.next();
  }

  bool value(int depth) {
    if (depth > kMaxNesting)
      return fail("nesting deeper than " + std::to_string(kMaxNesting) + " levels");
    switch (cursor_.peek()) {
      case '{':
        return container(depth, '}', true);
      case '[':
        return container(depth, ']', false);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  bool container(int depth, char close, bool is_object) {
    cursor_.next();
    skip_space();
    if (cursor_.peek() == close) {
      cursor_.next();
      return true;
    }
    std::map<std::string, int> names;  // an object's member names (as protobuf reads them): line
    for (;;) {
      if (is_object) {
        if (cursor_.peek() != '"') return fail("expected a quoted member name");
        const int line = cursor_.line();
        const int column = cursor_.column();
        const std::size_t start = cursor_.offset();
        if (!string()) return false;
        const std::string name(cursor_.text(start + 1, cursor_.offset() - 1));
        const auto [first, inserted] = names.emplace(json_name(name), line);
        if (!inserted) {
          diagnostics_.at_text(path_, line, column,
                               "duplicate member \"" + name + "\" (first on line " +
                                   std::to_string(first->second) + ")");
          return false;
        }
        skip_space();
        if (cursor_.peek() != ':') return fail("expected ':' after the member name");
        cursor_.next();
        skip_space();
      }
      if (!value(depth + 1)) return false;
      skip_space();
      if (cursor_.peek() == ',') {
        cursor_.next();
        skip_space();
        continue;
      }
      if (cursor_.peek() == close) {
        cursor_.next();
        return true;
      }
      return fail(std::string("expected ',' or '") + close + "'");
    }
  }

  bool string() {
    cursor_.next();  // opening quote
    for (;;) {
      if (cursor_.done()) return fail("unterminated string");
      const char c = cursor_.next();
      if (c == '"') return true;
      if (c == '\n') return fail("newline inside a string");
      if (c == '\\') {
        if (cursor_.done()) return fail("unterminated string");
        const char escaped = cursor_.next();
        if (escaped == 'u') {
          for (int i = 0; i < 4; ++i)
            if (!std::isxdigit(static_cast<unsigned char>(cursor_.peek())))
              return fail("bad \\u escape");
            else
              cursor_.next();
        } else if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos) {
          return fail("bad escape in string");
        }
      }
    }
  }

  bool literal(std::string_view word) {
    for (const char expected : word) {
      if (cursor_.peek() != expected) return fail("invalid literal");
      cursor_.next();
    }
    return true;
  }

  bool number() {
    auto digits = [&] {
      int count = 0;
      while (cursor_.peek() >= '0' && cursor_.peek() <= '9') {
        cursor_.next();
        ++count;
      }
      return count;
    };
    if (cursor_.peek() == '-') cursor_.next();
    if (digits() == 0) return fail("expected a JSON value");
    if (cursor_.peek() == '.') {
      cursor_.next();
      if (digits() == 0) return fail("expected digits after '.'");
    }
    if (cursor_.peek() == 'e' || cursor_.peek() == 'E') {
      cursor_.next();
      if (cursor_.peek() == '+' || cursor_.peek() == '-') cursor_.next();
      if (digits() == 0) return fail("expected digits in the exponent");
    }
    return true;
  }

  const std::string& path_;
  Cursor cursor_;
  Diagnostics& diagnostics_;
};

}  // namespace

bool check_text_format_nesting(const std::string& path, std::string_view text,
                               Diagnostics& diagnostics) {
  Cursor cursor(text);
  int depth = 0;
  while (!cursor.done()) {
    const int line = cursor.line();
    const int column = cursor.column();
    const char c = cursor.next();
    if (c == '#') {
      while (!cursor.done() && cursor.peek() != '\n')
        cursor.next();
    } else if (c == '"' || c == '\'') {
      while (!cursor.done() && cursor.peek() != c && cursor.peek() != '\n') {
        if (cursor.next() == '\\' && !cursor.done()) cursor.next();
      }
      if (!cursor.done() && cursor.peek() == c) cursor.next();
    } else if (c == '{' || c == '<' || c == '[') {
      if (++depth > kMaxNesting) {
        diagnostics.at_text(path, line, column,
                            "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
        return false;
      }
    } else if (c == '}' || c == '>' || c == ']') {
      --depth;
    }
  }
  return true;
}

bool check_json_syntax(const std::string& path, std::string_view text, Diagnostics& diagnostics) {
  return JsonChecker(path, text, diagnostics).run();
}

}  // namespace reesim::config
