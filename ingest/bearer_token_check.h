// Whether a request's `Authorization` value carries the receivers' bearer token (the training
// room's shared secret). Pure functions, safe on any receiver thread; both receivers call it
// before they read anything of a request's body.
#pragma once

#include <string>
#include <string_view>

namespace kansoku {

class BearerTokenCheck
{
public:
    enum class Verdict {
        Authorized, // no token is required, or the right one was sent
        Missing,    // a token is required and no `Bearer` credential was sent
        Wrong       // a `Bearer` credential was sent, but not the token
    };

    // expectedToken empty: every request is authorized. authorization is the header's value
    // ("Bearer <token>"; the scheme is case-insensitive, RFC 9110 section 11.1).
    static Verdict check(std::string_view expectedToken, std::string_view authorization);
    // The text for the HTTP 401 body and the gRPC UNAUTHENTICATED message.
    static std::string message(Verdict verdict);
    // Compares in time that depends only on the lengths, never on where the texts differ, so
    // the answer's timing does not reveal a token character by character.
    static bool equalInConstantTime(std::string_view a, std::string_view b);
};

} // namespace kansoku
