/// <summary>
/// POST resources({id})/Microsoft.NAV.verifyPinCode (src/host/operations/verify-pin-code.ts): a device, and only a
/// device (docs/promises.md promise 11), checks a PIN code typed on a handheld. Wrong codes count towards the user's lock
/// (promise 5) and, in the same write, towards the device's throttle; a temporary code is valid only with mustChange.
/// </summary>
codeunit 50159 "MFP Verify PIN Action"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = r,
                  tabledata "MFP Device" = rm;

    var
        NotSetErr: Label '%1 has no PIN code yet: ask the administrator for a temporary PIN code.', Comment = '%1 = user ID';

    /// <summary>Checks the code on the user's state read inside the section; a wrong one is counted.</summary>
    [NonDebuggable]
    procedure Decide(var UserSetup: Record "MFP User Setup"; HasResource: Boolean; var Credential: Record "MFP Credential"; HasCredential: Boolean; var Device: Record "MFP Device"; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        PinPolicy: Record "MFP PIN Policy";
        PinState: Codeunit "MFP PIN State";
        DeviceThrottle: Codeunit "MFP Device Throttle";
        Valid: Boolean;
    begin
        if not Check(UserSetup, HasResource, Credential, HasCredential, Request, true, Answer, Valid) then
            exit;
        if Valid then
            exit;
        PinPolicy.GetPolicy();
        PinState.CountFailure(UserSetup, Request.GetNow(), PinPolicy, "MFP PIN Code Actor"::Device, Answer);
        DeviceThrottle.CountFailure(Device, Request.GetNow());
    end;

    /// <summary>
    /// A retry with the same Idempotency-Key and body. A wrong code's answer stands (it was counted once). A valid answer
    /// is never repeated blindly: the code is checked again against the state as it is now (locked, changed, PIN codes
    /// off, expired), nothing is counted and nothing is written: only the answer is given. Answer holds the first answer.
    /// </summary>
    [NonDebuggable]
    procedure Replay(var UserSetup: Record "MFP User Setup"; HasResource: Boolean; var Credential: Record "MFP Credential"; HasCredential: Boolean; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        PinPolicy: Record "MFP PIN Policy";
        WrongResult: JsonObject;
        FirstValid: JsonToken;
        Valid: Boolean;
    begin
        if not Answer.GetBody().Get('valid', FirstValid) then
            exit;
        if not FirstValid.AsValue().AsBoolean() then
            exit;
        if not Check(UserSetup, HasResource, Credential, HasCredential, Request, false, Answer, Valid) then
            exit;
        if Valid then
            exit;
        PinPolicy.GetPolicy();
        WrongResult.Add('valid', false);
        WrongResult.Add('mustChange', false);
        WrongResult.Add('remainingAttempts', PinPolicy."Max. Failed Attempts" - UserSetup."Failed Attempts");
        Answer.Ok(WrongResult);
    end;

    /// <summary>
    /// Checks the code against the user's state as it is now, for a first request and a replay alike: refused where
    /// there is nothing to check it against (PIN codes off 409, none set 409 PinCode_NotSet, locked 423, an expired
    /// temporary code 410: none of them counted as a guess), else valid (answered here) or wrong (left to the caller).
    /// Only a first request (Recording) writes: the expired event, and a success clearing the count of wrong codes.
    /// </summary>
    [NonDebuggable]
    local procedure Check(var UserSetup: Record "MFP User Setup"; HasResource: Boolean; Credential: Record "MFP Credential"; HasCredential: Boolean; var Request: Codeunit "MFP Request"; Recording: Boolean; var Answer: Codeunit "MFP Answer"; var Valid: Boolean): Boolean
    var
        PinState: Codeunit "MFP PIN State";
        Result: JsonObject;
        PinCode: Text;
        Now: DateTime;
    begin
        Now := Request.GetNow();
        if not PinState.RequirePinCodesAllowed(UserSetup, HasResource, Answer) then
            exit(false);
        if not HasCredential then begin
            Answer.Refuse("MFP Error Code"::PinCode_NotSet, StrSubstNo(NotSetErr, UserSetup."User ID"));
            exit(false);
        end;
        if not PinState.RequireUnlocked(UserSetup, Now, Answer) then
            exit(false);
        if PinState.IsExpiredTemporary(Credential, HasCredential, Now) then begin
            PinState.AnswerExpired(UserSetup, Now, Recording, Answer);
            exit(false);
        end;
        PinCode := Request.GetBodyText('pinCode');
        Valid := CodeMatches(PinCode, Credential);
        if not Valid then
            exit(true);
        Result.Add('valid', true);
        Result.Add('mustChange', Credential."Is Temporary");
        Answer.Ok(Result);
        // hmac-sha256 is this host's one scheme: a valid code never needs hashing again here ("MFP PIN Hasher").
        if Recording and (UserSetup."Failed Attempts" > 0) then begin
            UserSetup."Failed Attempts" := 0;
            UserSetup.NextVersion();
            UserSetup.Modify();
        end;
        exit(true);
    end;

    /// <summary>Whether PinCode is the user's current code. An empty code is simply wrong: nothing is hashed.</summary>
    [NonDebuggable]
    local procedure CodeMatches(PinCode: Text; Credential: Record "MFP Credential"): Boolean
    var
        PinHasher: Codeunit "MFP PIN Hasher";
    begin
        if PinCode = '' then
            exit(false);
        exit(PinHasher.Matches(PinCode, Credential."PIN Code Hash"));
    end;
}
