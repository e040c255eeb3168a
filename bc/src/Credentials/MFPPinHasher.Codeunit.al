/// <summary>
/// How Business Central hashes PIN codes (docs/promises.md promise 1): hmac-sha256, the one scheme AL can compute, encoded
/// exactly as the TypeScript hosts encode it (src/host/pin-hashes.ts), so that both read one database:
/// $hmac-sha256$&lt;salt&gt;$&lt;mac&gt;, where the salt is the user's (unpadded base64 of 16 random bytes, shared by all of the
/// user's hashes) and the mac is the unpadded base64 of HMAC-SHA-256, keyed with the base64-decoded hash key, of the
/// UTF-8 text &lt;salt&gt;$&lt;pinCode&gt;. The System Application's "Cryptography Management" computes it
/// (GenerateBase64KeyedHashAsBase64String decodes the base64 key and encodes the text as UTF-8).
/// The hash key is the tenant's: 32 random bytes as base64, kept in IsolatedStorage with DataScope::Module, which only
/// this extension's code can read (no user, page, API or other extension). What protects a keyed hash is the secrecy of
/// its key, as the secrecy of the hash protects an argon2id hash of a 6-digit code: neither ever leaves the host.
/// AL cannot compute argon2id (no argon2, bcrypt or scrypt in the System Application, and no bitwise operators to
/// write one): a Business Central host should only ever see hmac-sha256 hashes, or check argon2id ones through an
/// external service. One it meets anyway fails the request with 500 Internal_ServerError naming the scheme.
/// </summary>
codeunit 50149 "MFP PIN Hasher"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP PIN Policy" = rim;

    var
        HmacSha256PrefixTok: Label '$hmac-sha256$', Locked = true;
        HmacSha256PatternTok: Label '\A\$hmac-sha256\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+\z', Locked = true;
        HashKeyStorageKeyTok: Label 'MobileFlowPin.HashKey', Locked = true;
        FingerprintPrefixTok: Label 'fingerprint$', Locked = true;
        UnsupportedSchemeErr: Label 'A stored PIN code hash is in the %1 scheme, which AL cannot compute: Business Central checks and makes hmac-sha256 hashes only. Issue the user a temporary PIN code (it is hashed with hmac-sha256), or check this code on a host that computes %1.', Comment = '%1 = the scheme named in the hash, e.g. argon2id';

    /// <summary>The hmac-sha256 hash of PinCode with the user's Salt, in its encoded form.</summary>
    [NonDebuggable]
    procedure Hash(PinCode: Text; Salt: Text): Text
    begin
        exit(HmacSha256PrefixTok + Salt + '$' + Mac(Salt, PinCode));
    end;

    /// <summary>
    /// Whether PinCode is the code hashed in EncodedHash. An hmac-sha256 hash is computed again with its own salt and
    /// compared; any other scheme is an AL error naming it (500 Internal_ServerError, nothing written).
    /// AL has no constant-time comparison: the two hashes are compared as texts. What the time of that could tell is
    /// how much of a keyed mac of the guess matches the stored one, which gives a guesser nothing without the key.
    /// </summary>
    [NonDebuggable]
    procedure Matches(PinCode: Text; EncodedHash: Text): Boolean
    begin
        if not IsHmacSha256(EncodedHash) then
            Error(UnsupportedSchemeErr, SchemeOf(EncodedHash));
        exit(Hash(PinCode, SaltOf(EncodedHash)) = EncodedHash);
    end;

    /// <summary>
    /// Whether PinCode, hashed as NewHash, is one of History (the user's earlier hashes, newest first). A hash with the
    /// new hash's salt is compared with it as it is; another salt's is computed again with that salt. A hash of a scheme
    /// AL cannot compute (argon2id, from a server host on the same data) cannot be compared in AL and is passed over:
    /// refusing the change instead would leave the user unable ever to replace such a history.
    /// </summary>
    [NonDebuggable]
    procedure InHistory(PinCode: Text; NewHash: Text; History: List of [Text]): Boolean
    var
        EarlierHash: Text;
    begin
        foreach EarlierHash in History do
            if IsHmacSha256(EarlierHash) then begin
                if SaltOf(EarlierHash) = SaltOf(NewHash) then begin
                    if EarlierHash = NewHash then
                        exit(true);
                end else
                    if Hash(PinCode, SaltOf(EarlierHash)) = EarlierHash then
                        exit(true);
            end;
        exit(false);
    end;

    /// <summary>
    /// A new salt: unpadded base64 of 16 bytes, the MD5 of a fresh GUID (122 random bits). A salt need not be secret,
    /// only unique per user, which rules out precomputed and cross-user guessing.
    /// </summary>
    procedure NewSalt(): Text
    var
        CryptographyManagement: Codeunit "Cryptography Management";
        HashAlgorithmType: Option MD5,SHA1,SHA256,SHA384,SHA512;
    begin
        exit(DelChr(CryptographyManagement.GenerateHashAsBase64String(Format(CreateGuid()), HashAlgorithmType::MD5), '>', '='));
    end;

    /// <summary>
    /// A keyed hash (HMAC-SHA-256 under the hash key) of a request body, for an Idempotency-Key: a plain hash of a body
    /// that holds a 6-digit PIN code is reversed in a second; this one is not, without the key.
    /// </summary>
    [NonDebuggable]
    procedure Fingerprint(CanonicalBody: Text): Text
    var
        CryptographyManagement: Codeunit "Cryptography Management";
        HashAlgorithmType: Option HMACMD5,HMACSHA1,HMACSHA256,HMACSHA384,HMACSHA512;
    begin
        exit(CryptographyManagement.GenerateBase64KeyedHashAsBase64String(FingerprintPrefixTok + CanonicalBody, GetHashKey(), HashAlgorithmType::HMACSHA256));
    end;

    /// <summary>
    /// Makes the tenant's hash key once: the SHA-256 of two fresh GUIDs (about 244 random bits, 122 from each version 4
    /// GUID), 32 bytes as base64, kept with IsolatedStorage.SetEncrypted in DataScope::Module. "MFP Install" calls it when
    /// the extension is installed; a request that finds no key calls it too. Two sessions that both find no key must not
    /// both make one (the hashes made with the key that lost could never be checked), so the check and the making are
    /// serialized on the PIN policy's record.
    /// </summary>
    [NonDebuggable]
    procedure EnsureHashKey()
    var
        PinPolicy: Record "MFP PIN Policy";
        CryptographyManagement: Codeunit "Cryptography Management";
        HashAlgorithmType: Option MD5,SHA1,SHA256,SHA384,SHA512;
        NewHashKey: SecretText;
    begin
        if IsolatedStorage.Contains(HashKeyStorageKeyTok, DataScope::Module) then
            exit;
        if not PinPolicy.Get() then begin
            PinPolicy.Init();
            if PinPolicy.Insert() then;
        end;
        PinPolicy.ReadIsolation := IsolationLevel::UpdLock;
        PinPolicy.Get();
        if IsolatedStorage.Contains(HashKeyStorageKeyTok, DataScope::Module) then
            exit;
        NewHashKey := CryptographyManagement.GenerateHashAsBase64String(Format(CreateGuid()) + Format(CreateGuid()), HashAlgorithmType::SHA256);
        IsolatedStorage.SetEncrypted(HashKeyStorageKeyTok, NewHashKey, DataScope::Module);
    end;

    /// <summary>
    /// HMAC-SHA-256, under the base64-decoded hash key, of the UTF-8 text &lt;salt&gt;$&lt;pinCode&gt;, as unpadded base64.
    /// </summary>
    [NonDebuggable]
    local procedure Mac(Salt: Text; PinCode: Text): Text
    var
        CryptographyManagement: Codeunit "Cryptography Management";
        HashAlgorithmType: Option HMACMD5,HMACSHA1,HMACSHA256,HMACSHA384,HMACSHA512;
    begin
        exit(DelChr(CryptographyManagement.GenerateBase64KeyedHashAsBase64String(Salt + '$' + PinCode, GetHashKey(), HashAlgorithmType::HMACSHA256), '>', '='));
    end;

    /// <summary>The tenant's hash key, from IsolatedStorage (DataScope::Module); made first when there is none.</summary>
    [NonDebuggable]
    local procedure GetHashKey() HashKey: SecretText
    begin
        if IsolatedStorage.Get(HashKeyStorageKeyTok, DataScope::Module, HashKey) then
            exit;
        EnsureHashKey();
        IsolatedStorage.Get(HashKeyStorageKeyTok, DataScope::Module, HashKey);
    end;

    local procedure IsHmacSha256(EncodedHash: Text): Boolean
    var
        Regex: Codeunit Regex;
    begin
        exit(Regex.IsMatch(EncodedHash, HmacSha256PatternTok));
    end;

    /// <summary>The salt of an encoded hash, of either scheme: the part before the last $.</summary>
    local procedure SaltOf(EncodedHash: Text): Text
    var
        Parts: List of [Text];
    begin
        Parts := EncodedHash.Split('$');
        if Parts.Count() < 2 then
            exit('');
        exit(Parts.Get(Parts.Count() - 1));
    end;

    /// <summary>The scheme an encoded hash names ($argon2id$... names argon2id).</summary>
    local procedure SchemeOf(EncodedHash: Text): Text
    var
        Parts: List of [Text];
    begin
        Parts := EncodedHash.Split('$');
        if Parts.Count() < 2 then
            exit('unknown');
        exit(CopyStr(Parts.Get(2), 1, 40));
    end;
}
