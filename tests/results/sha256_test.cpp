#include <catch2/catch.hpp>

#include <string>

#include "results/sha256.h"

using reesim::results::Sha256;
using reesim::results::sha256_hex;
using reesim::results::to_hex;

// Test vectors of FIPS 180-4 (NIST's "SHA-256 examples" and the one-million-'a' message).

TEST_CASE("SHA-256 of the empty message", "[results][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("SHA-256 of 'abc', one block", "[results][sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("SHA-256 of the 448-bit message, padding into a second block", "[results][sha256]") {
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("SHA-256 of the 896-bit message", "[results][sha256]") {
  CHECK(
      sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqk"
                 "lmnopqrlmnopqrsmnopqrstnopqrstu") ==
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("SHA-256 of one million 'a'", "[results][sha256]") {
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Hashing a message in pieces of any size equals hashing it at once",
          "[results][sha256]") {
  std::string message;
  for (int i = 0; i < 1000; ++i)
    message += static_cast<char>(i * 37 % 251);
  const std::string whole = sha256_hex(message);
  for (const std::size_t piece : {1, 3, 55, 56, 63, 64, 65, 127, 999}) {
    Sha256 hasher;
    for (std::size_t at = 0; at < message.size(); at += piece) {
      hasher.update(std::string_view(message).substr(at, piece));
    }
    CHECK(to_hex(hasher.finish()) == whole);
  }
}

TEST_CASE("finish() starts a new message", "[results][sha256]") {
  Sha256 hasher;
  hasher.update("ignored");
  (void)hasher.finish();
  hasher.update("abc", 3);
  CHECK(to_hex(hasher.finish()) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
