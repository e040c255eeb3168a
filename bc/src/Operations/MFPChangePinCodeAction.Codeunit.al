/// <summary>
/// POST session/Microsoft.NAV.changePinCode (src/host/operations/change-pin-code.ts): the signed-in user replaces their
/// own PIN code (docs/promises.md promises 3 to 6). The request carries no user id: it only ever acts on the caller. On
/// success the user setup, the Resource card, the credential and the history change in one transaction.
/// </summary>
codeunit 50155 "MFP Change PIN Code Action"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = rim,
                  tabledata Resource = rm;

    var
        BreaksPolicyErr: Label 'The new PIN code breaks the PIN policy.';

    /// <summary>Decides on the caller's state read inside their section, and writes what it decides.</summary>
    [NonDebuggable]
    procedure Decide(var UserSetup: Record "MFP User Setup"; var Resource: Record Resource; HasResource: Boolean; var Credential: Record "MFP Credential"; HasCredential: Boolean; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        PinPolicy: Record "MFP PIN Policy";
        PinState: Codeunit "MFP PIN State";
        PinHasher: Codeunit "MFP PIN Hasher";
        PolicyCheck: Codeunit "MFP PIN Policy Check";
        Projections: Codeunit "MFP Projections";
        Violations: JsonArray;
        Result: JsonObject;
        EarlierHashes: List of [Text];
        History: List of [Text];
        CurrentPinCode: Text;
        NewPinCode: Text;
        Salt: Text;
        NewHash: Text;
        Now: DateTime;
    begin
        Now := Request.GetNow();
        PinPolicy.GetPolicy();
        CurrentPinCode := Request.GetBodyText('currentPinCode');
        NewPinCode := Request.GetBodyText('newPinCode');
        if not PinState.RequirePinCodesAllowed(UserSetup, HasResource, Answer) then
            exit;
        if not PinState.RequireUnlocked(UserSetup, Now, Answer) then
            exit;
        if PinState.IsExpiredTemporary(Credential, HasCredential, Now) then begin
            PinState.AnswerExpired(UserSetup, Now, true, Answer);
            exit;
        end;
        // The shape of the new code first: a code that breaks the policy costs no guess of the current one.
        Violations := PolicyCheck.CheckPinCode(NewPinCode, PinPolicy."Min. Length", PinPolicy."Max. Length", PinPolicy."History Depth", false, false, '');
        if Violations.Count() > 0 then begin
            Answer.RefusePolicyViolation(BreaksPolicyErr, Violations);
            exit;
        end;

        // The current (or temporary) code, checked as its stored hash was made. A user who has no PIN code yet has
        // nothing to check. An empty current code is simply wrong: it is counted without hashing.
        if HasCredential then
            if not CurrentCodeMatches(CurrentPinCode, Credential) then begin
                PinState.CountFailure(UserSetup, Now, PinPolicy, "MFP PIN Code Actor"::User, Answer);
                exit;
            end;

        // The new code with the user's salt, which all of the user's hashes share, so that the history compares as it is.
        if HasCredential then
            Salt := Credential.Salt
        else
            Salt := PinHasher.NewSalt();
        NewHash := PinHasher.Hash(NewPinCode, Salt);
        PinState.EarlierOwnHashes(Credential, HasCredential, EarlierHashes);
        PinState.FirstHashes(EarlierHashes, PinPolicy."History Depth", History);
        Violations := PolicyCheck.CheckPinCode(NewPinCode, PinPolicy."Min. Length", PinPolicy."Max. Length", PinPolicy."History Depth",
            PinHasher.InHistory(NewPinCode, NewHash, History), HasCredential and Credential."Is Temporary", CurrentPinCode);
        if Violations.Count() > 0 then begin
            Answer.RefusePolicyViolation(BreaksPolicyErr, Violations);
            exit;
        end;

        UserSetup."PIN Code Status" := UserSetup."PIN Code Status"::"Set";
        UserSetup."PIN Code Changed At" := Now;
        UserSetup."PIN Code Changed By" := UserSetup."PIN Code Changed By"::User;
        UserSetup."Temporary Expires At" := 0DT;
        UserSetup."Failed Attempts" := 0;
        UserSetup."Expiry Recorded" := false;
        UserSetup.NextVersion();
        UserSetup.Modify();

        Resource."MFP PIN Code Status" := Resource."MFP PIN Code Status"::"Set";
        Resource."MFP PIN Code Changed At" := Now;
        Resource."MFP PIN Code Changed By" := Resource."MFP PIN Code Changed By"::User;
        Resource."MFP Card Version" += 1;
        Resource.Modify();

        if not HasCredential then begin
            Credential.Init();
            Credential."Resource No." := Resource."No.";
        end;
        Credential.Salt := CopyStr(Salt, 1, MaxStrLen(Credential.Salt));
        Credential."PIN Code Hash" := CopyStr(NewHash, 1, MaxStrLen(Credential."PIN Code Hash"));
        Credential."Is Temporary" := false;
        Credential."Expires At" := 0DT;
        Credential.SetPreviousHashes(EarlierHashes);
        if HasCredential then
            Credential.Modify()
        else
            Credential.Insert();

        PinState.AddEvent(UserSetup, "MFP PIN Code Event Type"::"Changed By User", "MFP PIN Code Actor"::User, UserSetup."User ID", Now);

        Result.Add('resourceNo', Resource."No.");
        Result.Add('changedAt', Projections.IsoDateTime(Now));
        Answer.Ok(Result);
    end;

    [NonDebuggable]
    local procedure CurrentCodeMatches(CurrentPinCode: Text; Credential: Record "MFP Credential"): Boolean
    var
        PinHasher: Codeunit "MFP PIN Hasher";
    begin
        if CurrentPinCode = '' then
            exit(false);
        exit(PinHasher.Matches(CurrentPinCode, Credential."PIN Code Hash"));
    end;
}
