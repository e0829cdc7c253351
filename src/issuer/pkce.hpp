#pragma once

#include "issuer/error.hpp"

#include <string>
#include <string_view>

namespace mcpgate::issuer {

// PKCE (RFC 7636), S256 only: OAuth 2.1 makes PKCE mandatory and "plain" protects nothing
// against an attacker who can read the authorization request.

// BASE64URL(SHA256(ASCII(verifier))).
std::string s256_challenge(std::string_view verifier);

// A code_verifier is 43..128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1).
bool valid_verifier(std::string_view verifier) noexcept;

// A code_challenge for S256 is the base64url of 32 bytes: exactly 43 characters.
bool valid_s256_challenge(std::string_view challenge) noexcept;

// invalid_grant when the verifier is malformed or does not hash to the challenge.
oauth_result<void> verify_pkce(std::string_view verifier, std::string_view challenge);

}  // namespace mcpgate::issuer
