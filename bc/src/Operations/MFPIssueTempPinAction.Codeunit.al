/// <summary>
/// POST userSetups({id})/Microsoft.NAV.issueTemporaryPinCode (src/host/operations/issue-temporary-pin-code.ts): the
/// administrator starts a PIN code that the user must replace (docs/promises.md promise 2). By default the code is generated;
/// where the policy allows it, the administrator may type one. The answer carries the code once; the code itself is
/// never stored, only its hash.
/// </summary>
codeunit 50156 "MFP Issue Temp. PIN Action"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = rim,
                  tabledata Resource = rm;

    var
        BreaksPolicyErr: Label 'The temporary PIN code breaks the PIN policy.';
        NoLongerHeldErr: Label 'This temporary PIN code was issued, but the host no longer holds it to show it again: issue a new one.';

    /// <summary>Decides on the user's state read inside their section, and writes what it decides.</summary>
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
        PinCode: Text;
        Salt: Text;
        Now: DateTime;
        ExpiresAt: DateTime;
    begin
        Now := Request.GetNow();
        PinPolicy.GetPolicy();
        if not PinState.RequirePinCodesAllowed(UserSetup, HasResource, Answer) then
            exit;
        if Request.HasBodyField('pinCode') then begin
            PinCode := Request.GetBodyText('pinCode');
            if PinPolicy."Admin. May Choose PIN Code" then
                Violations := PolicyCheck.CheckPinCode(PinCode, PinPolicy."Min. Length", PinPolicy."Max. Length", PinPolicy."History Depth", false, false, '')
            else
                Violations := PolicyCheck.AdministratorMayNotChoose();
            if Violations.Count() > 0 then begin
                Answer.RefusePolicyViolation(BreaksPolicyErr, Violations);
                exit;
            end;
        end else
            PinCode := PolicyCheck.GenerateTemporaryPinCode(PinPolicy."Temporary Length");

        if HasCredential then
            Salt := Credential.Salt
        else
            Salt := PinHasher.NewSalt();
        ExpiresAt := Projections.AddMinutes(Now, PinPolicy."Temporary TTL Hours" * 60);

        UserSetup."PIN Code Status" := UserSetup."PIN Code Status"::"Temporary";
        UserSetup."PIN Code Changed At" := Now;
        UserSetup."PIN Code Changed By" := UserSetup."PIN Code Changed By"::Administrator;
        UserSetup."Temporary Expires At" := ExpiresAt;
        UserSetup."Expiry Recorded" := false;
        UserSetup.NextVersion();
        UserSetup.Modify();

        Resource."MFP PIN Code Status" := Resource."MFP PIN Code Status"::"Temporary";
        Resource."MFP PIN Code Changed At" := Now;
        Resource."MFP PIN Code Changed By" := Resource."MFP PIN Code Changed By"::Administrator;
        Resource."MFP Card Version" += 1;
        Resource.Modify();

        // The earlier own codes stay in the history; the temporary code itself never joins it.
        PinState.EarlierOwnHashes(Credential, HasCredential, EarlierHashes);
        if not HasCredential then begin
            Credential.Init();
            Credential."Resource No." := Resource."No.";
        end;
        Credential.Salt := CopyStr(Salt, 1, MaxStrLen(Credential.Salt));
        Credential."PIN Code Hash" := CopyStr(PinHasher.Hash(PinCode, Salt), 1, MaxStrLen(Credential."PIN Code Hash"));
        Credential."Is Temporary" := true;
        Credential."Expires At" := ExpiresAt;
        Credential.SetPreviousHashes(EarlierHashes);
        if HasCredential then
            Credential.Modify()
        else
            Credential.Insert();

        PinState.AddEvent(UserSetup, "MFP PIN Code Event Type"::"Temporary Issued", "MFP PIN Code Actor"::Administrator, Request.GetCallerUserId(), Now);

        Result.Add('userSetup', Projections.UserSetupJson(UserSetup, Now));
        Result.Add('pinCode', PinCode);
        Result.Add('expiresAt', Projections.IsoDateTime(ExpiresAt));
        Answer.Ok(Result);
    end;

    /// <summary>
    /// A retry of an issue that succeeded: the code again while this session still holds it (it is never stored), else
    /// 409 Request_EntityChanged. Answer holds the stored first answer, without the code.
    /// </summary>
    [NonDebuggable]
    procedure Replay(ScopedKey: Text; var Answer: Codeunit "MFP Answer")
    var
        TemporaryCodeMemory: Codeunit "MFP Temporary Code Memory";
        FirstBody: JsonObject;
        PinCode: Text;
    begin
        if Answer.GetStatus() <> 200 then
            exit;
        if not TemporaryCodeMemory.Recall(ScopedKey, PinCode) then begin
            Answer.Refuse("MFP Error Code"::Request_EntityChanged, NoLongerHeldErr);
            exit;
        end;
        FirstBody := Answer.GetBody().Clone().AsObject();
        FirstBody.Add('pinCode', PinCode);
        Answer.Ok(FirstBody);
    end;
}
