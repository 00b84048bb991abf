#include "config/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reesim::config {
namespace {

std::string describe_size(std::size_t bytes) {
  return std::to_string(bytes) + " bytes";
}

}  // namespace

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  // The range of the second byte narrows for some leads (RFC 3629 §4): no overlong forms, no
  // UTF-16 surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(k) & 0xC0) != 0x80) return 0;
  return length;
}

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::optional<std::string> read_input_file(const std::string& path, Diagnostics& diagnostics) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    diagnostics.at_file(path, std::string("cannot open: ") + std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    diagnostics.at_file(
        path,
        "is a directory, not a scenario or experiment file (nor a run folder: it holds no "
        "experiment.textproto)");
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    diagnostics.at_file(path, "is not a regular file (device, FIFO or socket)");
    return std::nullopt;
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxInputBytes) {
    diagnostics.at_file(path, "is " + describe_size(static_cast<std::size_t>(info.st_size)) +
                                  ", over the 16 MiB input limit (" +
                                  describe_size(kMaxInputBytes) + ")");
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    diagnostics.at_file(path, std::string("cannot open: ") + std::strerror(errno));
    return std::nullopt;
  }
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      diagnostics.at_file(path, std::string("cannot read: ") + std::strerror(errno));
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
    if (content.size() > kMaxInputBytes) {  // grew while we read it
      diagnostics.at_file(path,
                          "is over the 16 MiB input limit (" + describe_size(kMaxInputBytes) + ")");
      ::close(fd);
      return std::nullopt;
    }
  }
  ::close(fd);
  return content;
}

bool check_text(const std::string& path, std::string_view text, Diagnostics& diagnostics) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool control = byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r';
    const std::size_t length = control || byte == 0x7F ? 0 : utf8_length(text, i);
    if (length == 0) {
      diagnostics.at_text(path, line, column,
                          byte == 0 ? "binary content (NUL byte): not a text file"
                                    : "binary content (control byte or invalid UTF-8): not a "
                                      "text file");
      return false;
    }
    if (byte == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return true;
}

}  // namespace reesim::config
