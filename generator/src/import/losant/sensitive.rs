//! Which fields and parameters hold secrets, by name. A field marked `sensitive` is printed
//! redacted by `Debug` in the generated client; serde still reads and writes it.
//!
//! The list is exact names, not patterns: `key` is a tag key far more often than a secret, and a
//! pattern such as `*Key` would also catch `locationTagKey` and `headerKey`.

/// Names of fields and parameters whose values are secrets: passwords, tokens, secret and
/// private keys, connection strings with embedded credentials, one-time codes.
pub const NAMES: &[&str] = &[
    "accessToken",
    "accountKey",
    "apiKey",
    "apiKeySecret",
    "authKey",
    "basicAuthPassword",
    "cardToken",
    "client_secret",
    "connectionString",
    "customerToken",
    "encryptionKey",
    "hsToken",
    "inviteToken",
    "keyJson",
    "newPassword",
    "password",
    "privateKey",
    "secret",
    "secretAccessKey",
    "secretValue",
    "sslKey",
    "token",
    "twoFactorAuthKey",
    "twoFactorCode",
    "verificationCode",
];

/// Whether a field or parameter named `name` holds a secret.
pub fn is_secret(name: &str) -> bool {
    NAMES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_by_exact_name() {
        assert!(is_secret("password"));
        assert!(is_secret("secretAccessKey"));
        assert!(!is_secret("key"));
        assert!(!is_secret("locationTagKey"));
        assert!(!is_secret("apiTokenId"));
        let mut sorted = NAMES.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NAMES, "keep the list sorted");
    }
}
