/// <summary>
/// Runs an action of the contract as the host core's act() does (src/host/core.ts), "deciding inside the write"
/// (docs/promises.md promise 8): it names the user setup it acts on (checking who may ask), then opens that user's section,
/// the rows locked in one order (the user's setup first, then the Resource card, the credential and, for a device, the
/// device's throttle), refuses a device held back, looks at the Idempotency-Key, and lets the action decide on the
/// state it has just read under those locks. What the action writes, and the key's first answer, go into the same
/// transaction, which "MFP Contract" commits when the request succeeds. No action ever writes back a copy read before
/// another action's write: a second request for the same user waits at the first lock until the first commits.
/// </summary>
codeunit 50146 "MFP Action Runner"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = r,
                  tabledata "MFP Idempotency Record" = rimd,
                  tabledata "MFP Device" = rm,
                  tabledata Resource = rm;

    var
        Reads: Codeunit "MFP Reads";
        Projections: Codeunit "MFP Projections";
        UserSetupGoneErr: Label 'That user setup no longer exists.';
        DeviceHasNoSessionErr: Label 'A device has no session: sign in as a user.';
        OnlyDevicesErr: Label 'Only a device checks a PIN code: a user changes their own with the Change PIN Code dialog.';
        DeviceGoneErr: Label 'This device is no longer registered in Mobile Flow.';
        NoSuchResourceErr: Label 'There is no resource with id %1.', Comment = '%1 = the id asked for';
        IdempotencyKeyReusedErr: Label 'This Idempotency-Key was already used for a different request: send a new key for a new request.';
        NotRoutedErr: Label 'The operation %1 is no action; nothing was changed.', Comment = '%1 = operation id';

    /// <summary>Runs the request's action and answers it.</summary>
    procedure Act(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        UserSetup: Record "MFP User Setup";
        Resource: Record Resource;
        Credential: Record "MFP Credential";
        Device: Record "MFP Device";
        IdempotencyRecord: Record "MFP Idempotency Record";
        DeviceThrottle: Codeunit "MFP Device Throttle";
        PinHasher: Codeunit "MFP PIN Hasher";
        TargetId: Guid;
        Fingerprint: Text;
        HasResource: Boolean;
        HasCredential: Boolean;
        HasFirstAnswer: Boolean;
    begin
        if not FindTarget(Request, Answer, TargetId) then
            exit;
        if Request.HasIdempotencyKey() then
            Fingerprint := PinHasher.Fingerprint(Request.CanonicalBody());

        // The user's section: the setup is locked first, then what hangs on it, always in this order.
        UserSetup.ReadIsolation := IsolationLevel::UpdLock;
        if not UserSetup.GetBySystemId(TargetId) then begin
            Answer.Refuse("MFP Error Code"::BadRequest_NotFound, UserSetupGoneErr);
            exit;
        end;
        HasResource := LockResource(UserSetup, Resource);
        HasCredential := LockCredential(UserSetup, Credential);
        if Request.IsDevice() then
            if not LockDevice(Request.GetCallerUserId(), Device) then begin
                Answer.Refuse("MFP Error Code"::Authorization_Denied, DeviceGoneErr);
                exit;
            end;

        // A device held back by its throttle is refused before anything is checked, counted or replayed.
        if Request.GetOperationId() = 'verifyPinCode' then
            if DeviceThrottle.RefuseHeldBack(Device, UserSetup, Request.GetNow(), Answer) then
                exit;

        if Request.HasIdempotencyKey() then begin
            HasFirstAnswer := FindFirstAnswer(Request, TargetId, IdempotencyRecord);
            if HasFirstAnswer then begin
                if IdempotencyRecord.Fingerprint <> Fingerprint then
                    Answer.Refuse("MFP Error Code"::Request_IdempotencyKeyReused, IdempotencyKeyReusedErr)
                else
                    Replay(IdempotencyRecord, UserSetup, HasResource, Credential, HasCredential, Request, Answer);
                exit;
            end;
        end;

        Decide(UserSetup, Resource, HasResource, Credential, HasCredential, Device, Request, Answer);

        if Request.HasIdempotencyKey() then
            StoreFirstAnswer(Request, TargetId, Fingerprint, Answer);
    end;

    /// <summary>
    /// The user setup the action acts on, checking who may ask before anything is read: the caller's own for
    /// changePinCode (the request carries no user id, so nobody can aim it at someone else), the Resource card's owner for
    /// a device's verifyPinCode, the one in the path for an administrator's actions.
    /// </summary>
    local procedure FindTarget(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer"; var TargetId: Guid): Boolean
    var
        Caller: Record "MFP User Setup";
        Owner: Record "MFP User Setup";
        Resource: Record Resource;
    begin
        case Request.GetOperationId() of
            'changePinCode':
                begin
                    if not Request.GetCaller(Caller) then begin
                        Answer.Refuse("MFP Error Code"::Authorization_Denied, DeviceHasNoSessionErr);
                        exit(false);
                    end;
                    TargetId := Caller.SystemId;
                end;
            'verifyPinCode':
                begin
                    if not Request.IsDevice() then begin
                        Answer.Refuse("MFP Error Code"::Authorization_Denied, OnlyDevicesErr);
                        exit(false);
                    end;
                    if not Reads.FindResourceAndOwner(Request.GetTargetKey(), Resource, Owner) then begin
                        Answer.Refuse("MFP Error Code"::BadRequest_NotFound, StrSubstNo(NoSuchResourceErr, Projections.IdOf(Request.GetTargetKey())));
                        exit(false);
                    end;
                    TargetId := Owner.SystemId;
                end;
            else begin
                if not Reads.FindAdministeredSetup(Request, Answer, Owner) then
                    exit(false);
                TargetId := Owner.SystemId;
            end;
        end;
        exit(true);
    end;

    /// <summary>Each action's decision on the state read inside the section.</summary>
    local procedure Decide(var UserSetup: Record "MFP User Setup"; var Resource: Record Resource; HasResource: Boolean; var Credential: Record "MFP Credential"; HasCredential: Boolean; var Device: Record "MFP Device"; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        ChangePinCodeAction: Codeunit "MFP Change PIN Code Action";
        IssueTempPinAction: Codeunit "MFP Issue Temp. PIN Action";
        UnlockPinAction: Codeunit "MFP Unlock PIN Action";
        UpdateSetupAction: Codeunit "MFP Update Setup Action";
        VerifyPinAction: Codeunit "MFP Verify PIN Action";
    begin
        case Request.GetOperationId() of
            'changePinCode':
                ChangePinCodeAction.Decide(UserSetup, Resource, HasResource, Credential, HasCredential, Request, Answer);
            'issueTemporaryPinCode':
                IssueTempPinAction.Decide(UserSetup, Resource, HasResource, Credential, HasCredential, Request, Answer);
            'unlockPinCode':
                UnlockPinAction.Decide(UserSetup, Request, Answer);
            'updateUserSetup':
                UpdateSetupAction.Decide(UserSetup, Resource, HasResource, Request, Answer);
            'verifyPinCode':
                VerifyPinAction.Decide(UserSetup, HasResource, Credential, HasCredential, Device, Request, Answer);
            else
                Answer.Refuse("MFP Error Code"::Internal_ServerError, StrSubstNo(NotRoutedErr, Request.GetOperationId()));
        end;
    end;

    /// <summary>
    /// The answer to a retry with the same Idempotency-Key and body: the first answer again, except where the action
    /// says otherwise (a temporary code shown again only while this session holds it; a valid device check checked
    /// again, never repeated blindly).
    /// </summary>
    local procedure Replay(IdempotencyRecord: Record "MFP Idempotency Record"; var UserSetup: Record "MFP User Setup"; HasResource: Boolean; var Credential: Record "MFP Credential"; HasCredential: Boolean; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        IssueTempPinAction: Codeunit "MFP Issue Temp. PIN Action";
        VerifyPinAction: Codeunit "MFP Verify PIN Action";
        FirstBody: JsonObject;
    begin
        FirstBody := IdempotencyRecord.GetAnswerBody();
        Answer.SetAnswer(IdempotencyRecord."Answer Status", FirstBody);
        case Request.GetOperationId() of
            'issueTemporaryPinCode':
                IssueTempPinAction.Replay(ScopedKey(Request, UserSetup.SystemId), Answer);
            'verifyPinCode':
                VerifyPinAction.Replay(UserSetup, HasResource, Credential, HasCredential, Request, Answer);
        end;
    end;

    /// <summary>
    /// The first answer under the request's scoped Idempotency-Key, while it binds (24 hours). The record is read
    /// locked, inside the section, so that two retries of one request cannot both miss it.
    /// </summary>
    local procedure FindFirstAnswer(var Request: Codeunit "MFP Request"; TargetId: Guid; var IdempotencyRecord: Record "MFP Idempotency Record"): Boolean
    begin
        IdempotencyRecord.ReadIsolation := IsolationLevel::UpdLock;
        IdempotencyRecord.SetAutoCalcFields("Answer Body");
        if not IdempotencyRecord.Get(CopyStr(Request.GetCallerScope(), 1, MaxStrLen(IdempotencyRecord.Caller)),
                                     CopyStr(Request.GetOperationId(), 1, MaxStrLen(IdempotencyRecord.Operation)),
                                     TargetId,
                                     CopyStr(Request.GetIdempotencyKey(), 1, MaxStrLen(IdempotencyRecord."Idempotency Key")))
        then
            exit(false);
        exit(Projections.AddMinutes(IdempotencyRecord."Answered At", 24 * 60) > Request.GetNow());
    end;

    /// <summary>
    /// Stores the first answer under the scoped key, in the action's own transaction. A temporary PIN code is never
    /// stored: it stays in this session's memory for a retry, and the stored answer goes without it.
    /// </summary>
    local procedure StoreFirstAnswer(var Request: Codeunit "MFP Request"; TargetId: Guid; Fingerprint: Text; var Answer: Codeunit "MFP Answer")
    var
        IdempotencyRecord: Record "MFP Idempotency Record";
        TemporaryCodeMemory: Codeunit "MFP Temporary Code Memory";
        StoredBody: JsonObject;
        PinCode: JsonToken;
        Exists: Boolean;
    begin
        StoredBody := Answer.GetBody().Clone().AsObject();
        if StoredBody.Get('pinCode', PinCode) then begin
            TemporaryCodeMemory.Remember(ScopedKey(Request, TargetId), PinCode.AsValue().AsText());
            StoredBody.Remove('pinCode');
        end;
        IdempotencyRecord.ReadIsolation := IsolationLevel::UpdLock;
        Exists := IdempotencyRecord.Get(CopyStr(Request.GetCallerScope(), 1, MaxStrLen(IdempotencyRecord.Caller)),
                                        CopyStr(Request.GetOperationId(), 1, MaxStrLen(IdempotencyRecord.Operation)),
                                        TargetId,
                                        CopyStr(Request.GetIdempotencyKey(), 1, MaxStrLen(IdempotencyRecord."Idempotency Key")));
        if not Exists then begin
            IdempotencyRecord.Init();
            IdempotencyRecord.Caller := CopyStr(Request.GetCallerScope(), 1, MaxStrLen(IdempotencyRecord.Caller));
            IdempotencyRecord.Operation := CopyStr(Request.GetOperationId(), 1, MaxStrLen(IdempotencyRecord.Operation));
            IdempotencyRecord."Target Id" := TargetId;
            IdempotencyRecord."Idempotency Key" := CopyStr(Request.GetIdempotencyKey(), 1, MaxStrLen(IdempotencyRecord."Idempotency Key"));
        end;
        IdempotencyRecord.Fingerprint := CopyStr(Fingerprint, 1, MaxStrLen(IdempotencyRecord.Fingerprint));
        IdempotencyRecord."Answer Status" := Answer.GetStatus();
        IdempotencyRecord."Answered At" := Request.GetNow();
        IdempotencyRecord.SetAnswerBody(StoredBody);
        // A record older than a day no longer binds: the key is used again, and its first answer is this one.
        if Exists then
            IdempotencyRecord.Modify()
        else
            IdempotencyRecord.Insert();
    end;

    /// <summary>The Idempotency-Key bound to who sent it, the operation and its target.</summary>
    local procedure ScopedKey(var Request: Codeunit "MFP Request"; TargetId: Guid): Text
    begin
        exit(Request.GetCallerScope() + '|' + Request.GetOperationId() + '|' + Projections.IdOf(TargetId) + '|' + Request.GetIdempotencyKey());
    end;

    local procedure LockResource(UserSetup: Record "MFP User Setup"; var Resource: Record Resource): Boolean
    begin
        if UserSetup."Resource No." = '' then
            exit(false);
        Resource.ReadIsolation := IsolationLevel::UpdLock;
        exit(Resource.Get(UserSetup."Resource No."));
    end;

    local procedure LockCredential(UserSetup: Record "MFP User Setup"; var Credential: Record "MFP Credential"): Boolean
    begin
        if UserSetup."Resource No." = '' then
            exit(false);
        Credential.ReadIsolation := IsolationLevel::UpdLock;
        Credential.SetAutoCalcFields("Previous Hashes");
        exit(Credential.Get(UserSetup."Resource No."));
    end;

    local procedure LockDevice(DeviceUserId: Code[50]; var Device: Record "MFP Device"): Boolean
    begin
        Device.ReadIsolation := IsolationLevel::UpdLock;
        Device.SetAutoCalcFields("Recent Failures", "Held For");
        exit(Device.Get(DeviceUserId));
    end;
}
