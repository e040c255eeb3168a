/// <summary>
/// The state of a user's PIN code as the actions decide on it (src/host/pin-state.ts): the lock, whether PIN codes are
/// allowed, an expired temporary code, counting a wrong code towards the lock (docs/promises.md promise 5), the earlier hashes
/// the history rule looks at, and the events of the history. The records passed in are the ones the action locked at
/// the start of its section: everything here decides on them and writes them back.
/// </summary>
codeunit 50154 "MFP PIN State"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm,
                  tabledata "MFP PIN Code Event" = ri;

    var
        Projections: Codeunit "MFP Projections";
        LockedErr: Label 'Too many wrong PIN codes: locked until %1.', Comment = '%1 = date and time (ISO 8601, UTC)';
        NotAllowedErr: Label 'PIN codes are not allowed for %1.', Comment = '%1 = user ID';
        NoResourceErr: Label 'PIN codes are not allowed for %1 (no resource).', Comment = '%1 = user ID';
        ResourceGoneErr: Label 'The resource of %1 no longer exists.', Comment = '%1 = user ID';
        TemporaryExpiredErr: Label 'The temporary PIN code has expired: ask your administrator for a new one.';
        CurrentInvalidErr: Label 'The current PIN code is wrong.';

    /// <summary>423 PinCode_Locked while the lock lasts; true when the user is not locked.</summary>
    procedure RequireUnlocked(UserSetup: Record "MFP User Setup"; Now: DateTime; var Answer: Codeunit "MFP Answer"): Boolean
    begin
        if not Projections.IsAfter(UserSetup."Locked Until", Now) then
            exit(true);
        Answer.RefuseLocked(StrSubstNo(LockedErr, Projections.IsoDateTime(UserSetup."Locked Until")), UserSetup."Locked Until");
        exit(false);
    end;

    /// <summary>409 PinCode_NotAllowed unless PIN codes are allowed for the user, who has a Resource card to hold one.</summary>
    procedure RequirePinCodesAllowed(UserSetup: Record "MFP User Setup"; HasResource: Boolean; var Answer: Codeunit "MFP Answer"): Boolean
    begin
        if UserSetup."Resource No." = '' then begin
            Answer.Refuse("MFP Error Code"::PinCode_NotAllowed, StrSubstNo(NoResourceErr, UserSetup."User ID"));
            exit(false);
        end;
        if not UserSetup."Allow PIN Code" then begin
            Answer.Refuse("MFP Error Code"::PinCode_NotAllowed, StrSubstNo(NotAllowedErr, UserSetup."User ID"));
            exit(false);
        end;
        if not HasResource then begin
            Answer.Refuse("MFP Error Code"::PinCode_NotAllowed, StrSubstNo(ResourceGoneErr, UserSetup."User ID"));
            exit(false);
        end;
        exit(true);
    end;

    /// <summary>Whether the current code is a temporary one that has expired.</summary>
    procedure IsExpiredTemporary(Credential: Record "MFP Credential"; HasCredential: Boolean; Now: DateTime): Boolean
    begin
        if not HasCredential then
            exit(false);
        exit(Credential."Is Temporary" and not Projections.IsAfter(Credential."Expires At", Now));
    end;

    /// <summary>
    /// 410 PinCode_TemporaryExpired, recording the expired event once (only where Recording: a replay writes nothing).
    /// Nothing is counted: an expired code is no usable code to guess.
    /// </summary>
    procedure AnswerExpired(var UserSetup: Record "MFP User Setup"; Now: DateTime; Recording: Boolean; var Answer: Codeunit "MFP Answer")
    begin
        Answer.Refuse("MFP Error Code"::PinCode_TemporaryExpired, TemporaryExpiredErr);
        if UserSetup."Expiry Recorded" or not Recording then
            exit;
        AddEvent(UserSetup, "MFP PIN Code Event Type"::Expired, "MFP PIN Code Actor"::Host, '', Now);
        UserSetup."Expiry Recorded" := true;
        UserSetup.NextVersion();
        UserSetup.Modify();
    end;

    /// <summary>
    /// Counts a wrong PIN code on the state read inside the section: the answer says how many attempts are left, or,
    /// from the Max. Failed Attempts-th on, until when the user is locked (and the count starts again). A device's wrong
    /// code is answered {"valid": false}; a wrong current code in Change PIN Code 403 PinCode_CurrentInvalid.
    /// </summary>
    procedure CountFailure(var UserSetup: Record "MFP User Setup"; Now: DateTime; PinPolicy: Record "MFP PIN Policy"; Actor: Enum "MFP PIN Code Actor"; var Answer: Codeunit "MFP Answer")
    var
        VerifyResult: JsonObject;
        FailedAttempts: Integer;
        ActorUserId: Code[50];
    begin
        FailedAttempts := UserSetup."Failed Attempts" + 1;
        if Actor = "MFP PIN Code Actor"::User then
            ActorUserId := UserSetup."User ID";
        AddEvent(UserSetup, "MFP PIN Code Event Type"::"Failed Attempt", Actor, ActorUserId, Now);
        if FailedAttempts >= PinPolicy."Max. Failed Attempts" then begin
            UserSetup."Locked Until" := Projections.AddMinutes(Now, PinPolicy."Lockout Minutes");
            UserSetup."Failed Attempts" := 0;
            AddEvent(UserSetup, "MFP PIN Code Event Type"::Locked, "MFP PIN Code Actor"::Host, '', Now);
            Answer.RefuseLocked(StrSubstNo(LockedErr, Projections.IsoDateTime(UserSetup."Locked Until")), UserSetup."Locked Until");
        end else begin
            UserSetup."Failed Attempts" := FailedAttempts;
            if Actor = "MFP PIN Code Actor"::Device then begin
                VerifyResult.Add('valid', false);
                VerifyResult.Add('mustChange', false);
                VerifyResult.Add('remainingAttempts', PinPolicy."Max. Failed Attempts" - FailedAttempts);
                Answer.Ok(VerifyResult);
            end else
                Answer.RefuseCurrentInvalid(CurrentInvalidErr, PinPolicy."Max. Failed Attempts" - FailedAttempts);
        end;
        UserSetup.NextVersion();
        UserSetup.Modify();
    end;

    /// <summary>
    /// The hashes of the user's own PIN codes, newest first, as they stand before the one about to be written: the
    /// current code (unless it is a temporary one) and the earlier ones; at most 24, historyDepth's maximum.
    /// </summary>
    procedure EarlierOwnHashes(Credential: Record "MFP Credential"; HasCredential: Boolean; var Hashes: List of [Text])
    var
        Previous: List of [Text];
        Hash: Text;
    begin
        Clear(Hashes);
        if not HasCredential then
            exit;
        if not Credential."Is Temporary" then
            Hashes.Add(Credential."PIN Code Hash");
        Credential.GetPreviousHashes(Previous);
        foreach Hash in Previous do
            if Hashes.Count() < 24 then
                Hashes.Add(Hash);
    end;

    /// <summary>The first Depth of Hashes.</summary>
    procedure FirstHashes(Hashes: List of [Text]; Depth: Integer; var First: List of [Text])
    var
        Hash: Text;
    begin
        Clear(First);
        foreach Hash in Hashes do
            if First.Count() < Depth then
                First.Add(Hash);
    end;

    /// <summary>Records a PIN code event in the user's history: what, when and who; never the code.</summary>
    procedure AddEvent(UserSetup: Record "MFP User Setup"; EventType: Enum "MFP PIN Code Event Type"; Actor: Enum "MFP PIN Code Actor"; ActorUserId: Code[50]; Now: DateTime)
    var
        PinCodeEvent: Record "MFP PIN Code Event";
    begin
        PinCodeEvent.Init();
        PinCodeEvent."User ID" := UserSetup."User ID";
        PinCodeEvent."Event Type" := EventType;
        PinCodeEvent."Occurred At" := Now;
        PinCodeEvent.Actor := Actor;
        PinCodeEvent."Actor User ID" := ActorUserId;
        PinCodeEvent.Insert();
    end;
}
